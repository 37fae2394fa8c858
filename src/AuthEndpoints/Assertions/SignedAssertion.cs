using System.Runtime.CompilerServices;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// One signed assertion in compact form: the key, audience, times, <c>jti</c> and signature, but not its text.
/// The text is rendered again from the token's identity claims whenever it is sent (<see cref="AssertionJws"/>
/// writes the same bytes every time), so a gateway that keeps an assertion for each of 100,000 active tokens
/// holds about 130 bytes per token instead of the 1.4 KB of the string.
/// </summary>
internal sealed class SignedAssertion
{
    public const int SignatureLength = 64;

    private readonly Signature _signature;

    public SignedAssertion(AssertionSigner signer, string audience, long issuedAt, long expires, UInt128 tokenId, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            throw new ArgumentException($"An ES256 signature is {SignatureLength} bytes.", nameof(signature));
        }

        Signer = signer;
        Audience = audience;
        IssuedAt = issuedAt;
        Expires = expires;
        TokenId = tokenId;
        signature.CopyTo(_signature);
    }

    public AssertionSigner Signer { get; }

    public string Audience { get; }

    /// <summary><c>iat</c> (and <c>nbf</c>), in seconds since the Unix epoch.</summary>
    public long IssuedAt { get; }

    /// <summary><c>exp</c>, in seconds since the Unix epoch.</summary>
    public long Expires { get; }

    /// <summary>The <c>jti</c>, written as 32 lowercase hex digits.</summary>
    public UInt128 TokenId { get; }

    /// <summary>When a fresh assertion should replace this one: once <see cref="AssertionIssuer.ReuseShare"/> of its lifetime has passed.</summary>
    public DateTimeOffset RenewAt =>
        DateTimeOffset.FromUnixTimeSeconds(IssuedAt).AddTicks((long)((Expires - IssuedAt) * TimeSpan.TicksPerSecond * AssertionIssuer.ReuseShare));

    /// <summary>The IEEE P1363 form (r ‖ s) that JWS uses for ES256.</summary>
    public ReadOnlySpan<byte> SignatureBytes => _signature;

    // Inline in the object, so the signature costs no array of its own.
    [InlineArray(SignatureLength)]
    private struct Signature
    {
        private byte _first;
    }
}
