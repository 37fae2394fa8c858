namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// The texts of the assertions of busy tokens, so that their requests share one string instead of writing it
/// again each time (about a microsecond). Direct-mapped and small: a slot holds one assertion, so memory stays the
/// same (about 1.5 MB at most) however many tokens are active. A text is kept only for an assertion sent twice in
/// a row through its slot: with many tokens in rotation slots change hands faster than a token returns, and
/// keeping every text for those few milliseconds would only push short-lived strings into the old generation.
/// An assertion is known by its <c>jti</c>, drawn at random for each signature, so its bits also pick the slot.
/// </summary>
internal sealed class RenderedAssertions
{
    private const int Slots = 1024;

    private readonly UInt128[] _seen = new UInt128[Slots];
    private readonly Entry?[] _texts = new Entry?[Slots];

    /// <summary>
    /// The text of the assertion signed with <paramref name="signature"/> for <paramref name="identity"/> and
    /// <paramref name="audience"/>, written by <see cref="AssertionJws.Render"/> unless it is held.
    /// </summary>
    public string Get(in AssertionSignature signature, IAssertedIdentity identity, string audience, string issuer)
    {
        var tokenId = signature.TokenId;
        var slot = (int)(tokenId >> 64) & (Slots - 1);
        if (_texts[slot] is { } entry && entry.TokenId == tokenId && entry.Identity == identity)
        {
            return entry.Text;
        }

        var text = AssertionJws.Render(signature, identity, issuer, audience);

        // A torn read or write of a jti here only decides whether a text is kept.
        if (_seen[slot] == tokenId)
        {
            _texts[slot] = new Entry(identity, tokenId, text);
        }
        else
        {
            _seen[slot] = tokenId;
        }

        return text;
    }

    // Replaced whole, so a reader sees an assertion with its own text or another one, never a mix.
    private sealed record Entry(IAssertedIdentity Identity, UInt128 TokenId, string Text);
}
