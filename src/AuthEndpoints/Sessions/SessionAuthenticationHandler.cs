using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// The session cookie as a credential of /users/me (docs/browser-sessions.md): used only when the request has no
/// Authorization header (<see cref="SelectScheme"/>), refused for an unsafe request from another site
/// (<see cref="CsrfRule"/>), and cleared when it names no live session.
/// </summary>
internal sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SessionAuthenticator sessions,
    BrowserOrigins origins)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TracheaSession";

    /// <summary>The policy scheme of /users/me: bearer when an Authorization header is sent (or no cookie), else the session.</summary>
    public const string BearerOrSession = "TracheaBearerOrSession";

    private const string CsrfFailure = "csrf";
    private const string RevokedFailure = "revoked";

    public static string SelectScheme(HttpContext context) =>
        context.Request.Headers.Authorization.Count == 0 && context.Request.Cookies.ContainsKey(SessionCookies.Session)
            ? SchemeName
            : JwtBearerDefaults.AuthenticationScheme;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!origins.SessionsOn || !Request.Cookies.TryGetValue(SessionCookies.Session, out var cookie))
        {
            return AuthenticateResult.NoResult();
        }

        var check = await sessions.AuthenticateAsync(cookie);
        if (check.Principal is not { } principal)
        {
            SessionCookies.ClearSession(Response);
            return AuthenticateResult.Fail(check.Revoked ? RevokedFailure : "unknown session");
        }

        return CsrfRule.Refuses(Request, origins)
            ? AuthenticateResult.Fail(CsrfFailure)
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        var (error, detail) = failure switch
        {
            CsrfFailure => (ErrorCodes.CsrfRejected, CsrfRule.Refusal),
            RevokedFailure => (ErrorCodes.TokenRevoked, "The session has been revoked."),
            _ => (ErrorCodes.AuthRequired, "Sign in again: the session is unknown or has ended."),
        };
        if (error != ErrorCodes.CsrfRejected)
        {
            Response.Headers.WWWAuthenticate = "Bearer";
        }

        await ProblemWriter.WriteAsync(Context, error, detail);
    }
}
