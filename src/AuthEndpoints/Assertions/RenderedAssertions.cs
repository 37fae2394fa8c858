using System.Runtime.CompilerServices;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// The texts of the assertions of busy tokens, so that their requests share one string instead of writing it
/// again each time (about a microsecond). Direct-mapped and small: a slot holds one assertion, so memory stays the
/// same (about 1.5 MB at most) however many tokens are active. A text is kept only for an assertion sent twice in
/// a row through its slot: with many tokens in rotation slots change hands faster than a token returns, and
/// keeping every text for those few milliseconds would only push short-lived strings into the old generation.
/// </summary>
internal sealed class RenderedAssertions
{
    private const int Slots = 1024;

    private readonly SignedAssertion?[] _seen = new SignedAssertion?[Slots];
    private readonly Entry?[] _texts = new Entry?[Slots];

    /// <summary>
    /// The text of <paramref name="assertion"/> for <paramref name="identity"/> with <paramref name="signature"/>, written by
    /// <see cref="AssertionJws.Render"/> unless it is held.
    /// </summary>
    public string Get(SignedAssertion assertion, in AssertionSignature signature, IAssertedIdentity identity, string issuer)
    {
        var slot = RuntimeHelpers.GetHashCode(assertion) & (Slots - 1);
        if (_texts[slot] is { } entry && entry.Assertion == assertion && entry.Identity == identity && entry.TokenId == signature.TokenId)
        {
            return entry.Text;
        }

        var text = AssertionJws.Render(signature, identity, issuer, assertion.Audience);
        if (_seen[slot] == assertion)
        {
            _texts[slot] = new Entry(assertion, identity, signature.TokenId, text);
        }
        else
        {
            _seen[slot] = assertion;
        }

        return text;
    }

    // Replaced whole, so a reader sees an assertion with its own text or another one, never a mix. The jti tells
    // a renewed signature of the same assertion apart.
    private sealed record Entry(SignedAssertion Assertion, IAssertedIdentity Identity, UInt128 TokenId, string Text);
}
