using System.Globalization;
using System.Security.Claims;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// A session's identity as the claims an access token of the same membership would carry, with <c>exp</c> the end
/// of the cached copy, so proxied routes and /users/me treat it exactly like a validated bearer token.
/// </summary>
internal static class SessionPrincipal
{
    public const string AuthenticationType = "TracheaSession";

    public static ClaimsPrincipal Create(User user, AppMembership membership, string sid, DateTimeOffset validUntil)
    {
        var claims = IdentityClaims.For(user, membership, sid)
            .Select(claim => new Claim(claim.Key, Convert.ToString(claim.Value, CultureInfo.InvariantCulture)!))
            .Append(new Claim(TokenClaims.Expires, validUntil.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, AuthenticationType, TokenClaims.Subject, TokenClaims.Role));
    }
}
