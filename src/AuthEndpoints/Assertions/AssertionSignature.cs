using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// What one signing of an assertion produced besides the token's own claims: the key, times, <c>jti</c> and the
/// signature. With the identity and the audience it gives the assertion's text back (<see cref="AssertionJws"/>
/// writes the same bytes every time), so the text itself is never kept.
/// </summary>
internal readonly struct AssertionSignature
{
    public const int Length = 64;

    private readonly SignatureBuffer _signature;

    public AssertionSignature(AssertionSigner signer, long issuedAt, long expires, UInt128 tokenId, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Length)
        {
            throw new ArgumentException($"An ES256 signature is {Length} bytes.", nameof(signature));
        }

        Signer = signer;
        IssuedAt = issuedAt;
        Expires = expires;
        TokenId = tokenId;
        signature.CopyTo(_signature);
    }

    public AssertionSigner Signer { get; }

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
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => _signature;

    [InlineArray(Length)]
    private struct SignatureBuffer
    {
        private byte _first;
    }
}
