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

    // Kept in 96 bytes with the signature (one per validated token and audience): seconds as 32 bits (until 2106),
    // and the jti as two halves, since a UInt128 field is aligned to 16 bytes and would add padding.
    private readonly uint _issuedAt;
    private readonly uint _expires;
    private readonly ulong _tokenIdUpper;
    private readonly ulong _tokenIdLower;
    private readonly SignatureBuffer _signature;

    public AssertionSignature(AssertionSigner signer, long issuedAt, long expires, UInt128 tokenId, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Length)
        {
            throw new ArgumentException($"An ES256 signature is {Length} bytes.", nameof(signature));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(issuedAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expires, uint.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(expires, issuedAt);
        Signer = signer;
        _issuedAt = (uint)issuedAt;
        _expires = (uint)expires;
        _tokenIdUpper = (ulong)(tokenId >> 64);
        _tokenIdLower = (ulong)tokenId;
        signature.CopyTo(_signature);
    }

    public AssertionSigner Signer { get; }

    /// <summary><c>iat</c> (and <c>nbf</c>), in seconds since the Unix epoch.</summary>
    public long IssuedAt => _issuedAt;

    /// <summary><c>exp</c>, in seconds since the Unix epoch.</summary>
    public long Expires => _expires;

    /// <summary>The <c>jti</c>, written as 32 lowercase hex digits.</summary>
    public UInt128 TokenId => new(_tokenIdUpper, _tokenIdLower);

    /// <summary>
    /// When a fresh assertion should replace this one: once a share of its lifetime between
    /// <see cref="AssertionIssuer.EarliestRenewalShare"/> and <see cref="AssertionIssuer.LatestRenewalShare"/> has
    /// passed, drawn from the low bits of its random <c>jti</c>.
    /// </summary>
    public DateTimeOffset RenewAt
    {
        get
        {
            var draw = (ushort)_tokenIdLower / (double)(ushort.MaxValue + 1);
            var share = AssertionIssuer.EarliestRenewalShare + ((AssertionIssuer.LatestRenewalShare - AssertionIssuer.EarliestRenewalShare) * draw);
            return DateTimeOffset.FromUnixTimeSeconds(IssuedAt).AddTicks((long)((Expires - IssuedAt) * TimeSpan.TicksPerSecond * share));
        }
    }

    /// <summary>The IEEE P1363 form (r ‖ s) that JWS uses for ES256.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => _signature;

    [InlineArray(Length)]
    private struct SignatureBuffer
    {
        private byte _first;
    }
}
