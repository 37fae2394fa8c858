using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Json;
using Trachea.AuthEndpoints.OpenApi;
using Trachea.AuthEndpoints.RateLimiting;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// POST /auth/session: an app's own page that signed in with the Firebase Web SDK trades the fresh ID token for a
/// session cookie. Only pages of the public or a trusted origin may, and only right after a real sign-in.
/// </summary>
internal static class SessionApi
{
    /// <summary>How recent the Firebase sign-in must be, so a stolen older ID token cannot become a month-long session.</summary>
    public static readonly TimeSpan MaxAuthAge = TimeSpan.FromMinutes(5);

    public static void MapSessionApi(this RouteGroupBuilder auth) =>
        auth.MapPost("/session", CreateAsync)
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy)
            .WithSummary("Trade a fresh Firebase ID token for a browser session cookie (204; the validated rd in Location)")
            .WithJsonBody<SessionRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesErrors([
                .. EndpointErrors.Body, .. EndpointErrors.App, ErrorCodes.CsrfRejected, ErrorCodes.InvalidFirebaseToken,
                ErrorCodes.UserInactive, ErrorCodes.EmailTaken, ErrorCodes.IdentityProviderUnavailable,
            ]);

    private static async Task<IResult> CreateAsync(
        HttpContext context, BrowserOrigins origins, ReturnUrls returnUrls, FirebaseLoginService firebase, SessionService sessions)
    {
        if (!origins.SessionsOn)
        {
            return Results.NotFound();
        }

        if (context.Request.Headers.Origin is not { Count: 1 } origin || !origins.IsTrusted(origin[0]!))
        {
            throw new TracheaException(ErrorCodes.CsrfRejected, "Only pages of this site or a trusted origin may start a session.");
        }

        var body = await JsonBody.ReadAsync<SessionRequest>(context.Request, context.RequestAborted);
        if (string.IsNullOrEmpty(body.FirebaseToken))
        {
            throw TracheaException.Validation("firebase_token", "Firebase token is required.");
        }

        var (user, membership, _) = await firebase.SignInAsync(body.FirebaseToken, null, MaxAuthAge, context.RequestAborted);
        SessionCookies.SetSession(context.Response, await sessions.StartAsync(user, membership, context.RequestAborted));
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Location = returnUrls.Validate(body.Rd);
        return Results.NoContent();
    }
}
