using System.Runtime.CompilerServices;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// The texts of recently sent assertions, so that the requests of a busy token share one string instead of
/// writing it again each time (about a microsecond). Direct-mapped and small: a slot holds the last assertion
/// that fell into it, so memory stays the same (about 1.5 MB at most) however many tokens are active.
/// </summary>
internal sealed class RenderedAssertions
{
    private const int Slots = 1024;

    private readonly Entry?[] _slots = new Entry?[Slots];

    /// <summary>The text of <paramref name="assertion"/> for <paramref name="identity"/>, written by <see cref="AssertionJws.Render"/> unless it is held.</summary>
    public string Get(SignedAssertion assertion, IAssertedIdentity identity, string issuer)
    {
        var slot = RuntimeHelpers.GetHashCode(assertion) & (Slots - 1);
        if (_slots[slot] is { } entry && entry.Assertion == assertion && entry.Identity == identity)
        {
            return entry.Text;
        }

        var text = AssertionJws.Render(assertion, identity, issuer);
        _slots[slot] = new Entry(assertion, identity, text);
        return text;
    }

    // Replaced whole, so a reader sees an assertion with its own text or another assertion, never a mix.
    private sealed record Entry(SignedAssertion Assertion, IAssertedIdentity Identity, string Text);
}
