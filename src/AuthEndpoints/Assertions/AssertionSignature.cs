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

    // Kept in 96 bytes with the signature (one per validated token and audience): iat in seconds as 32 bits (until
    // 2106), the lifetime and the renewal point as 16-bit offsets from it (an assertion lives at most 300 s), and the
    // jti as two halves, since a UInt128 field is aligned to 16 bytes and would add padding.
    private readonly uint _issuedAt;
    private readonly ushort _lifetime;
    private readonly ushort _renewAfter;
    private readonly ulong _tokenIdUpper;
    private readonly ulong _tokenIdLower;
    private readonly SignatureBuffer _signature;

    /// <param name="renewAt">When a fresh assertion should replace this one, in seconds since the Unix epoch, between <paramref name="issuedAt"/> and <paramref name="expires"/>.</param>
    public AssertionSignature(AssertionSigner signer, long issuedAt, long expires, long renewAt, UInt128 tokenId, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != Length)
        {
            throw new ArgumentException($"An ES256 signature is {Length} bytes.", nameof(signature));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(issuedAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expires, uint.MaxValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(expires, issuedAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(expires - issuedAt, ushort.MaxValue, nameof(expires));
        ArgumentOutOfRangeException.ThrowIfLessThan(renewAt, issuedAt);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(renewAt, expires);
        Signer = signer;
        _issuedAt = (uint)issuedAt;
        _lifetime = (ushort)(expires - issuedAt);
        _renewAfter = (ushort)(renewAt - issuedAt);
        _tokenIdUpper = (ulong)(tokenId >> 64);
        _tokenIdLower = (ulong)tokenId;
        signature.CopyTo(_signature);
    }

    public AssertionSigner Signer { get; }

    /// <summary><c>iat</c> (and <c>nbf</c>), in seconds since the Unix epoch.</summary>
    public long IssuedAt => _issuedAt;

    /// <summary><c>exp</c>, in seconds since the Unix epoch.</summary>
    public long Expires => _issuedAt + (long)_lifetime;

    /// <summary>The <c>jti</c>, written as 32 lowercase hex digits.</summary>
    public UInt128 TokenId => new(_tokenIdUpper, _tokenIdLower);

    /// <summary>
    /// When a fresh assertion should replace this one (<see cref="AssertionIssuer"/> sets it): the next request
    /// after it gets a newly signed assertion.
    /// </summary>
    public DateTimeOffset RenewAt => DateTimeOffset.FromUnixTimeSeconds(_issuedAt + (long)_renewAfter);

    /// <summary>The IEEE P1363 form (r ‖ s) that JWS uses for ES256.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Bytes => _signature;

    [InlineArray(Length)]
    private struct SignatureBuffer
    {
        private byte _first;
    }
}
