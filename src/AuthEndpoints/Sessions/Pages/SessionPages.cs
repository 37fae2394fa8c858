using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Sessions.Pages;

/// <summary>
/// The browser pages of docs/browser-sessions.md: sign-in, sign-up and sign-out, for the gateway's default app.
/// They exist only while the public origin is known. Every form is checked against its CSRF cookie.
/// </summary>
internal static class SessionPages
{
    public const string SignInPath = "/auth/sign_in";

    public static void MapSessionPages(this RouteGroupBuilder auth)
    {
        auth.MapGet("/sign_in", SignInPageAsync).ExcludeFromDescription();
        auth.MapPost("/sign_in", SignInAsync).RequireRateLimiting(AuthRateLimits.PerAddressPolicy).ExcludeFromDescription();
        auth.MapGet("/sign_up", SignUpPageAsync).ExcludeFromDescription();
        auth.MapPost("/sign_up", SignUpAsync).RequireRateLimiting(AuthRateLimits.PerAddressPolicy).ExcludeFromDescription();
        auth.MapGet("/sign_out", SignOutPageAsync).ExcludeFromDescription();
        auth.MapPost("/sign_out", SignOutAsync).ExcludeFromDescription();
    }

    private static async Task<IResult> SignInPageAsync(HttpContext context, PageServices pages, SessionService sessions, string? rd)
    {
        if (!pages.Origins.SessionsOn)
        {
            return Results.NotFound();
        }

        // Whoever opens the sign-in page is about to be someone else: the current session ends here.
        if (context.Request.Cookies.TryGetValue(SessionCookies.Session, out var cookie))
        {
            await sessions.EndAsync(cookie, "sign-in page", context.RequestAborted);
            SessionCookies.ClearSession(context.Response);
        }

        return await pages.SignInFormAsync(context, StatusCodes.Status200OK, pages.ReturnUrls.Validate(rd), null, null);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext context, PageServices pages, AuthService auth, SessionService sessions, UsernameRateLimiter usernameLimits)
    {
        if (!pages.Origins.SessionsOn)
        {
            return Results.NotFound();
        }

        var form = await PageServices.ReadFormAsync(context);
        var rd = pages.ReturnUrls.Validate(form["rd"]);
        string? username = form["username"];
        if (!pages.Csrf.IsValid(context.Request, form["csrf"]))
        {
            return await pages.SignInFormAsync(context, 0, rd, username, PageServices.CsrfError);
        }

        try
        {
            if (!string.IsNullOrEmpty(username))
            {
                usernameLimits.Acquire(username);
            }

            var (user, membership) = await auth.VerifyPasswordAsync(username, form["password"], null, context.RequestAborted);
            return await StartAsync(context, pages, sessions, user, membership, rd);
        }
        catch (TracheaException failure)
        {
            PageServices.SetRetryAfter(context, failure);
            return await pages.SignInFormAsync(context, 0, rd, username, PageError.From(failure));
        }
    }

    private static async Task<IResult> SignUpPageAsync(HttpContext context, PageServices pages, string? rd)
    {
        if (!pages.Origins.SessionsOn)
        {
            return Results.NotFound();
        }

        return await pages.SignUpFormAsync(context, StatusCodes.Status200OK, pages.ReturnUrls.Validate(rd), null, null, null);
    }

    private static async Task<IResult> SignUpAsync(HttpContext context, PageServices pages, AuthService auth, SessionService sessions)
    {
        if (!pages.Origins.SessionsOn)
        {
            return Results.NotFound();
        }

        var form = await PageServices.ReadFormAsync(context);
        var rd = pages.ReturnUrls.Validate(form["rd"]);
        string? username = form["username"];
        string? name = form["name"];
        if (!pages.Csrf.IsValid(context.Request, form["csrf"]))
        {
            return await pages.SignUpFormAsync(context, 0, rd, username, name, PageServices.CsrfError);
        }

        try
        {
            var request = new RegisterRequest(username, form["password"], string.IsNullOrWhiteSpace(name) ? null : name);
            var (user, membership) = await auth.CreateUserAsync(request, context.RequestAborted);
            return await StartAsync(context, pages, sessions, user, membership, rd);
        }
        catch (TracheaException failure)
        {
            PageServices.SetRetryAfter(context, failure);
            return await pages.SignUpFormAsync(context, 0, rd, username, name, PageError.From(failure));
        }
    }

    private static async Task<IResult> SignOutPageAsync(HttpContext context, PageServices pages, string? rd)
    {
        if (!pages.Origins.SessionsOn)
        {
            return Results.NotFound();
        }

        var app = await pages.AppNameAsync(context);
        return pages.Page(context, StatusCodes.Status200OK, "Sign out", app, PageForms.SignOut(pages.Csrf.ForForm(context), rd is null ? "" : pages.ReturnUrls.Validate(rd), null));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, PageServices pages, SessionService sessions)
    {
        if (!pages.Origins.SessionsOn)
        {
            return Results.NotFound();
        }

        var form = await PageServices.ReadFormAsync(context);
        string? rd = form["rd"];
        if (!pages.Csrf.IsValid(context.Request, form["csrf"]))
        {
            var app = await pages.AppNameAsync(context);
            var again = PageForms.SignOut(pages.Csrf.ForForm(context), string.IsNullOrEmpty(rd) ? "" : pages.ReturnUrls.Validate(rd), PageServices.CsrfError);
            return pages.Page(context, PageServices.CsrfError.Status, "Sign out", app, again);
        }

        await sessions.EndAsync(context.Request.Cookies[SessionCookies.Session], "sign-out", context.RequestAborted);
        SessionCookies.ClearSession(context.Response);
        return SeeOther(context, string.IsNullOrEmpty(rd) ? SignInPath : pages.ReturnUrls.Validate(rd));
    }

    private static async Task<IResult> StartAsync(
        HttpContext context, PageServices pages, SessionService sessions, User user, AppMembership membership, string rd)
    {
        SessionCookies.SetSession(context.Response, await sessions.StartAsync(user, membership, context.RequestAborted));
        return SeeOther(context, pages.ReturnUrls.Validate(rd));
    }

    private static IResult SeeOther(HttpContext context, string location)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    internal static bool AllowsSignUp(AppRegistration app) => app.AllowedAuthMethods.Contains(AuthMethods.Username);
}
