using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Tokens;

/// <summary>
/// The identity claims of one membership, the same for an access token and a browser session, so the proxy
/// judges both with one set of rules (docs/browser-sessions.md).
/// </summary>
internal static class IdentityClaims
{
    public static Dictionary<string, object> For(User user, AppMembership membership, string sid)
    {
        var claims = new Dictionary<string, object>
        {
            [TokenClaims.Subject] = user.Id,
            [TokenClaims.AppId] = membership.AppId,
            [TokenClaims.Role] = membership.Role,
            [TokenClaims.Plan] = membership.Plan,
            [TokenClaims.Provider] = user.Provider,
            [TokenClaims.Version] = membership.Version,
            [TokenClaims.SessionId] = sid,
        };
        if (user.Email is not null)
        {
            claims[TokenClaims.Email] = user.Email;
        }

        if (user.Username is not null)
        {
            claims[TokenClaims.Username] = user.Username;
        }

        return claims;
    }
}
