using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Json;
using Trachea.AuthEndpoints.OpenApi;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Management;

/// <summary>/apps/{app_id}/users: an app's server (with the app's credentials) or an admin of the app manages that app's users.</summary>
internal static class ManagementApi
{
    public static RouteGroupBuilder MapManagementApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/apps/{app_id}/users").WithTags("Management")
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy);
        ErrorCode[] client =
        [
            ErrorCodes.InvalidClient, ErrorCodes.TokenRevoked, ErrorCodes.InsufficientRole, ErrorCodes.AppInactive, ErrorCodes.RateLimited,
            ErrorCodes.StoreUnavailable,
        ];
        group.MapGet("/", ListAsync)
            .WithSummary("The app's members in user-id order, a page at a time; query matches the start of username, email or name")
            .ProducesErrors([.. client, ErrorCodes.ValidationError]);
        group.MapGet("/{user_id}", GetAsync)
            .WithSummary("One member of the app, by user id")
            .ProducesErrors([.. client, ErrorCodes.UserNotFound]);
        group.MapPatch("/{user_id}", ChangeAsync)
            .WithSummary("Grant a member a role or plan in the app; a lowering change ends the member's tokens for the app")
            .WithJsonBody<ChangeMemberRequest>()
            .ProducesErrors([.. client, .. EndpointErrors.Body, ErrorCodes.UserNotFound, ErrorCodes.EmailRequiredForPaid]);
        group.MapPost("/{user_id}/revoke", RevokeAsync)
            .WithSummary("End every session of the member in the app: its refresh tokens and the access tokens already issued")
            .ProducesErrors([.. client, ErrorCodes.UserNotFound]);
        return group;
    }

    private static async Task<Ok<UserPage>> ListAsync(
        HttpContext context,
        [FromRoute(Name = "app_id")] string appId,
        [FromQuery] string? query,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        AppClientAuthenticator clients,
        ManagementService management,
        CancellationToken cancellationToken)
    {
        var caller = await clients.RequireAsync(context, appId, cancellationToken);
        return TypedResults.Ok(await management.ListAsync(caller, query, limit, cursor, cancellationToken));
    }

    private static async Task<Ok<UserProfile>> GetAsync(
        HttpContext context, [FromRoute(Name = "app_id")] string appId, [FromRoute(Name = "user_id")] string userId, AppClientAuthenticator clients, ManagementService management, CancellationToken cancellationToken)
    {
        var caller = await clients.RequireAsync(context, appId, cancellationToken);
        return TypedResults.Ok(await management.GetAsync(caller, userId, cancellationToken));
    }

    private static async Task<Ok<UserProfile>> ChangeAsync(
        HttpContext context, [FromRoute(Name = "app_id")] string appId, [FromRoute(Name = "user_id")] string userId, AppClientAuthenticator clients, ManagementService management, CancellationToken cancellationToken)
    {
        var caller = await clients.RequireAsync(context, appId, cancellationToken);
        var body = await JsonBody.ReadAsync<ChangeMemberRequest>(context.Request, cancellationToken);
        return TypedResults.Ok(await management.ChangeAsync(caller, userId, body, cancellationToken));
    }

    private static async Task<NoContent> RevokeAsync(
        HttpContext context, [FromRoute(Name = "app_id")] string appId, [FromRoute(Name = "user_id")] string userId, AppClientAuthenticator clients, ManagementService management, CancellationToken cancellationToken)
    {
        var caller = await clients.RequireAsync(context, appId, cancellationToken);
        await management.RevokeAsync(caller, userId, cancellationToken);
        return TypedResults.NoContent();
    }
}
