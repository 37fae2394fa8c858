using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Telemetry;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// Signs the identity assertion of docs/assertion.md with the ring's current key: the identity claims of the
/// validated access token as they are, and a lifetime of TRACHEA_ASSERTION_TTL_SECONDS cut short to the access
/// token's own <c>exp</c>; and renders a signed assertion as the text a backend receives.
/// </summary>
internal sealed class AssertionIssuer(IOptions<TracheaOptions> options, TracheaMetrics metrics)
{
    /// <summary>
    /// A token's first assertion (and the first from a new key) is replaced once a share of its lifetime between
    /// these two has passed, drawn from its random <c>jti</c>, so that assertions signed together (every active user
    /// right after a restart or a key rotation) are not all renewed together; its renewals are replaced at the
    /// latest share, which keeps them as far apart as they started while signing as seldom as reuse allows
    /// (docs/assertion.md, "Reuse").
    /// </summary>
    private const double EarliestRenewalShare = 0.6;

    /// <inheritdoc cref="EarliestRenewalShare"/>
    private const double LatestRenewalShare = 0.8;

    private readonly string _issuer = AssertionSettings.Issuer(options.Value);
    private readonly RenderedAssertions _rendered = new();

    /// <param name="renewal">
    /// True when the assertion replaces the token's assertion for this audience from the same key at its renewal
    /// time: it is renewed in its turn at the latest share of its lifetime rather than at a drawn one.
    /// </param>
    /// <returns>The assertion; null when the access token's <c>exp</c> has come (it passes only within the clock skew).</returns>
    public AssertionSignature? Issue(IAssertedIdentity identity, string audience, AssertionSigner signer, DateTimeOffset now, bool renewal)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        var expires = Math.Min(issuedAt + options.Value.AssertionTtlSeconds, identity.ExpiresAt.ToUnixTimeSeconds());
        if (expires <= issuedAt)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var tokenId = new UInt128(BitConverter.ToUInt64(bytes), BitConverter.ToUInt64(bytes[8..]));
        var share = renewal ? LatestRenewalShare : EarliestRenewalShare + ((LatestRenewalShare - EarliestRenewalShare) * ((ushort)tokenId / (double)(ushort.MaxValue + 1)));
        var renewAt = issuedAt + (long)Math.Round((expires - issuedAt) * share);
        var signature = AssertionJws.Sign(identity, _issuer, audience, issuedAt, expires, renewAt, tokenId, signer);
        metrics.AssertionSigned(audience);
        return signature;
    }

    /// <summary>The compact JWS a backend receives: the assertion signed with <paramref name="signature"/> for <paramref name="identity"/> and <paramref name="audience"/>.</summary>
    public string Render(in AssertionSignature signature, IAssertedIdentity identity, string audience) =>
        _rendered.Get(signature, identity, audience, _issuer);
}
