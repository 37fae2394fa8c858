using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Json;
using Trachea.AuthEndpoints.OpenApi;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Sessions;

namespace Trachea.AuthEndpoints.Users;

/// <summary>/users/me: the caller's own profile, plan and account, for the token's app.</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/users/me").WithTags("Users");
        ErrorCode[] account = [.. EndpointErrors.Bearer, ErrorCodes.UserInactive, ErrorCodes.StoreUnavailable];
        ErrorCode[] sessionAccount = [.. account, ErrorCodes.CsrfRejected];
        // The profile itself also answers a browser session (docs/browser-sessions.md), under the CSRF rule.
        const string Session = SessionAuthenticationHandler.BearerOrSession;
        group.MapGet("/", GetAsync).RequireAuthorization(Session)
            .WithSummary("The caller's profile, as seen from the token's app")
            .ProducesErrors(account);
        group.MapPatch("/", UpdateAsync).RequireAuthorization(Session)
            .WithSummary("Change profile fields; absent or null fields are kept")
            .WithJsonBody<UpdateProfileRequest>()
            .ProducesErrors([.. sessionAccount, .. EndpointErrors.Body, ErrorCodes.EmailTaken]);
        group.MapDelete("/", DeactivateAsync).RequireAuthorization(Session)
            .WithSummary("Deactivate the caller's account and revoke its refresh tokens")
            .ProducesErrors(sessionAccount);
        group.MapPatch("/plan", ChangePlanAsync).RequireAuthorization()
            .WithSummary("Choose one of the app's self-service plans in the token's app; a paid plan needs an email")
            .WithJsonBody<UpdatePlanRequest>()
            .ProducesErrors([.. account, .. EndpointErrors.Body, ErrorCodes.PlanNotSelfService, ErrorCodes.EmailRequiredForPaid]);
        group.MapPost("/password", ChangePasswordAsync).RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy)
            .WithSummary("Change the password of a username account; every other session ends and the caller gets fresh tokens")
            .WithJsonBody<ChangePasswordRequest>()
            .ProducesErrors([.. account, .. EndpointErrors.Body, ErrorCodes.InvalidCredentials, ErrorCodes.RateLimited]);
        return group;
    }

    private static async Task<Ok<UserProfile>> GetAsync(HttpContext context, ProfileService profiles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await profiles.GetAsync(CurrentUser.From(context.User), cancellationToken));

    private static async Task<Ok<UserProfile>> UpdateAsync(HttpContext context, ProfileService profiles, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdateProfileRequest>(context.Request, cancellationToken);
        return TypedResults.Ok(await profiles.UpdateAsync(CurrentUser.From(context.User), body, cancellationToken));
    }

    private static async Task<NoContent> DeactivateAsync(HttpContext context, ProfileService profiles, CancellationToken cancellationToken)
    {
        await profiles.DeactivateAsync(CurrentUser.From(context.User), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<TokenResponse>> ChangePasswordAsync(HttpContext context, PasswordChangeService passwords, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<ChangePasswordRequest>(context.Request, cancellationToken);
        return TypedResults.Ok(await passwords.ChangeAsync(CurrentUser.From(context.User), body, cancellationToken));
    }

    private static async Task<Ok<UserProfile>> ChangePlanAsync(HttpContext context, ProfileService profiles, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdatePlanRequest>(context.Request, cancellationToken);
        return TypedResults.Ok(await profiles.ChangePlanAsync(CurrentUser.From(context.User), body, cancellationToken));
    }
}
