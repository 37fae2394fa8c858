using System.Security.Claims;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Users;

/// <summary>Who the validated bearer token says the caller is, and for which app.</summary>
internal sealed record CurrentUser(string UserId, string AppId)
{
    public static CurrentUser From(ClaimsPrincipal principal) => new(
        principal.FindFirstValue(TokenClaims.Subject) ?? throw new TracheaException(ErrorCodes.InvalidToken),
        principal.FindFirstValue(TokenClaims.AppId) ?? throw new TracheaException(ErrorCodes.InvalidToken));
}
