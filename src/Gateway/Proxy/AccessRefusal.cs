using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Sessions;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Why <see cref="RouteAccess"/> refused a request, as the answer both the proxy and forward auth write. Every
/// refusal is one shared instance (the role and plan ones one per rank), so refusing allocates nothing.
/// </summary>
internal abstract class AccessRefusal
{
    private const string OtherAppDescription = "The token was issued for another app.";

    /// <summary>A refused or malformed token: the JwtBearer challenge (INVALID_TOKEN / TOKEN_EXPIRED with WWW-Authenticate).</summary>
    public static readonly AccessRefusal Challenge = new ChallengeRefusal();

    public static readonly AccessRefusal Revoked = new ProblemRefusal(
        ErrorCodes.TokenRevoked, TracheaBearerEvents.RevokedDescription, TracheaBearerEvents.InvalidTokenChallenge(TracheaBearerEvents.RevokedDescription));

    public static readonly AccessRefusal SessionRevoked = new ProblemRefusal(
        ErrorCodes.TokenRevoked, "The session has been revoked.", TracheaBearerEvents.InvalidTokenChallenge(TracheaBearerEvents.RevokedDescription));

    public static readonly AccessRefusal OtherApp = new ProblemRefusal(
        ErrorCodes.InvalidToken, OtherAppDescription, TracheaBearerEvents.InvalidTokenChallenge(OtherAppDescription));

    public static readonly AccessRefusal Csrf = new ProblemRefusal(ErrorCodes.CsrfRejected, CsrfRule.Refusal, null);

    private static readonly AccessRefusal[] RoleTooLow = [.. Roles.Ordered.Select(role =>
        new ProblemRefusal(ErrorCodes.InsufficientRole, $"This route requires the role {role} or higher.", null))];

    private static readonly AccessRefusal[] PlanTooLow = [.. Plans.Ordered.Select(plan =>
        new ProblemRefusal(ErrorCodes.InsufficientPlan, $"This route requires the plan {plan} or higher.", null))];

    public static AccessRefusal Role(int minRank) => RoleTooLow[minRank];

    public static AccessRefusal Plan(int minRank) => PlanTooLow[minRank];

    public abstract ValueTask WriteAsync(HttpContext context);

    private sealed class ChallengeRefusal : AccessRefusal
    {
        public override ValueTask WriteAsync(HttpContext context) => new(context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme));
    }

    private sealed class ProblemRefusal(ErrorCode error, string detail, string? challenge) : AccessRefusal
    {
        public override ValueTask WriteAsync(HttpContext context)
        {
            if (challenge is not null)
            {
                context.Response.Headers.WWWAuthenticate = challenge;
            }

            return ProblemWriter.WriteAsync(context, error, detail);
        }
    }
}
