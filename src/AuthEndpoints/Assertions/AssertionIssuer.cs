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
    /// An assertion is replaced once a share of its lifetime between these two has passed, fixed for each assertion
    /// by its <c>jti</c> (docs/assertion.md, "Reuse"): assertions signed together are not all renewed together.
    /// </summary>
    public const double EarliestRenewalShare = 0.6;

    /// <inheritdoc cref="EarliestRenewalShare"/>
    public const double LatestRenewalShare = 0.8;

    private readonly string _issuer = AssertionSettings.Issuer(options.Value);
    private readonly RenderedAssertions _rendered = new();

    /// <returns>The assertion; null when the access token's <c>exp</c> has come (it passes only within the clock skew).</returns>
    public AssertionSignature? Issue(IAssertedIdentity identity, string audience, AssertionSigner signer, DateTimeOffset now)
    {
        var issuedAt = now.ToUnixTimeSeconds();
        var expires = Math.Min(issuedAt + options.Value.AssertionTtlSeconds, identity.ExpiresAt.ToUnixTimeSeconds());
        if (expires <= issuedAt)
        {
            return null;
        }

        Span<byte> tokenId = stackalloc byte[16];
        RandomNumberGenerator.Fill(tokenId);
        var signature = AssertionJws.Sign(identity, _issuer, audience, issuedAt, expires, new UInt128(BitConverter.ToUInt64(tokenId), BitConverter.ToUInt64(tokenId[8..])), signer);
        metrics.AssertionSigned(audience);
        return signature;
    }

    /// <summary>The compact JWS a backend receives: the assertion signed with <paramref name="signature"/> for <paramref name="identity"/> and <paramref name="audience"/>.</summary>
    public string Render(in AssertionSignature signature, IAssertedIdentity identity, string audience) =>
        _rendered.Get(signature, identity, audience, _issuer);
}
