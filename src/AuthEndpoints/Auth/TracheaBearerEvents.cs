using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>
/// Bearer rules the stock handler leaves open: a token is read from exactly one Authorization header
/// (two are refused), and every challenge is answered with the gateway's error codes.
/// </summary>
internal sealed class TracheaBearerEvents : JwtBearerEvents
{
    public const string DuplicateHeaderFailure = "More than one Authorization header.";

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

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var (error, description) = context.AuthenticateFailure switch
        {
            null => (ErrorCodes.AuthRequired, "A bearer token is required."),
            SecurityTokenExpiredException => (ErrorCodes.TokenExpired, "The token has expired."),
            _ => (ErrorCodes.InvalidToken, "The token is invalid."),
        };
        context.Response.Headers.WWWAuthenticate = error == ErrorCodes.AuthRequired
            ? "Bearer"
            : InvalidTokenChallenge(description);
        await ProblemWriter.WriteAsync(context.HttpContext, error, description);
    }
}
