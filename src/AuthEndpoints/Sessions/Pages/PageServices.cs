using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Sessions.Pages;

/// <summary>What every sign-in page needs: the origins, return URLs, CSRF tokens and the app it signs in to.</summary>
internal sealed class PageServices(BrowserOrigins origins, ReturnUrls returnUrls, CsrfTokens csrf, AppGate apps)
{
    public static readonly PageError CsrfError = PageError.Of(
        ErrorCodes.CsrfRejected, "The form was out of date or came from another site. Please try again.");

    public BrowserOrigins Origins => origins;

    public ReturnUrls ReturnUrls => returnUrls;

    public CsrfTokens Csrf => csrf;

    /// <param name="status">0: the status of <paramref name="error"/>.</param>
    public async Task<IResult> SignInFormAsync(HttpContext context, int status, string rd, string? username, PageError? error)
    {
        var (app, name) = await AppAsync(context);
        var body = PageForms.SignIn(csrf.ForForm(context), rd, username, error, app is not null && SessionPages.AllowsSignUp(app));
        return Page(context, status == 0 ? error!.Status : status, "Sign in", name, body);
    }

    public async Task<IResult> SignUpFormAsync(HttpContext context, int status, string rd, string? username, string? displayName, PageError? error)
    {
        var (app, name) = await AppAsync(context);
        if (app is null || !SessionPages.AllowsSignUp(app))
        {
            var refusal = PageError.Of(ErrorCodes.AuthMethodNotAllowed, $"App '{name}' does not allow creating an account with a username.");
            return Page(context, refusal.Status, "Create account", name, PageForms.Message(refusal));
        }

        var body = PageForms.SignUp(csrf.ForForm(context), rd, username, displayName, error);
        return Page(context, status == 0 ? error!.Status : status, "Create account", name, body);
    }

    public async Task<string> AppNameAsync(HttpContext context) => (await AppAsync(context)).Name;

    public IResult Page(HttpContext context, int status, string title, string appName, string body) =>
        HtmlPage.Render(context, status, title, appName, body, returnUrls.FormActionSources);

    /// <returns>The form fields; none when the body is not a form or cannot be read.</returns>
    public static async Task<IFormCollection> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        try
        {
            return await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return FormCollection.Empty;
        }
    }

    public static void SetRetryAfter(HttpContext context, TracheaException failure)
    {
        if (failure.RetryAfter is { } retryAfter)
        {
            RetryAfter.Set(context.Response, retryAfter);
        }
    }

    // A disabled or missing app still gets a page, which then says why no one can sign in.
    private async Task<(AppRegistration? App, string Name)> AppAsync(HttpContext context)
    {
        try
        {
            var app = await apps.RequireActiveAsync(null, context.RequestAborted);
            return (app, app.Name);
        }
        catch (TracheaException failure) when (failure.Error == ErrorCodes.AppNotFound || failure.Error == ErrorCodes.AppInactive)
        {
            return (null, "Sign-in unavailable");
        }
    }
}
