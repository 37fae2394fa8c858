using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>
/// Bearer rules the stock handler leaves open: a token is read from exactly one Authorization header
/// (two are refused), a revoked token is refused, and every challenge is answered with the gateway's error codes.
/// </summary>
internal sealed class TracheaBearerEvents : JwtBearerEvents
{
    public const string DuplicateHeaderFailure = "More than one Authorization header.";
    public const string RevokedDescription = "The token has been revoked.";

    public override Task MessageReceived(MessageReceivedContext context)
    {
        if (context.Request.Headers.Authorization.Count > 1)
        {
            context.Fail(DuplicateHeaderFailure);
        }

        return Task.CompletedTask;
    }

    /// <summary>The RFC 6750 <c>WWW-Authenticate</c> value for a refused token; the description is fixed text, never token data.</summary>
    public static string InvalidTokenChallenge(string description) =>
        $"Bearer error=\"invalid_token\", error_description=\"{description}\"";

    /// <summary>The one revocation check for tokens the handler validates (cache hits: RouteGuard asks the same table).</summary>
    public override Task TokenValidated(TokenValidatedContext context)
    {
        if (context.Principal is { } principal
            && context.HttpContext.RequestServices.GetRequiredService<RevocationTable>().IsRevoked(principal))
        {
            context.Fail(new SecurityTokenRevokedException());
        }

        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var (error, description) = context.AuthenticateFailure switch
        {
            null => (ErrorCodes.AuthRequired, "A bearer token is required."),
            SecurityTokenExpiredException => (ErrorCodes.TokenExpired, "The token has expired."),
            SecurityTokenRevokedException => (ErrorCodes.TokenRevoked, RevokedDescription),
            _ => (ErrorCodes.InvalidToken, "The token is invalid."),
        };
        context.Response.Headers.WWWAuthenticate = error == ErrorCodes.AuthRequired
            ? "Bearer"
            : InvalidTokenChallenge(description);
        await ProblemWriter.WriteAsync(context.HttpContext, error, description);
    }
}
