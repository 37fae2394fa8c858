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

/// <summary>/apps/{app_id}/users: an app's server manages that app's users with the app's own credentials.</summary>
internal static class ManagementApi
{
    public static RouteGroupBuilder MapManagementApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/apps/{app_id}/users").WithTags("Management")
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy);
        ErrorCode[] client = [ErrorCodes.InvalidClient, ErrorCodes.AppInactive, ErrorCodes.RateLimited, ErrorCodes.StoreUnavailable];
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
        var app = await clients.RequireAsync(context.Request, appId, cancellationToken);
        return TypedResults.Ok(await management.ListAsync(app, query, limit, cursor, cancellationToken));
    }

    private static async Task<Ok<UserProfile>> GetAsync(
        HttpContext context, [FromRoute(Name = "app_id")] string appId, [FromRoute(Name = "user_id")] string userId, AppClientAuthenticator clients, ManagementService management, CancellationToken cancellationToken)
    {
        var app = await clients.RequireAsync(context.Request, appId, cancellationToken);
        return TypedResults.Ok(await management.GetAsync(app, userId, cancellationToken));
    }

    private static async Task<Ok<UserProfile>> ChangeAsync(
        HttpContext context, [FromRoute(Name = "app_id")] string appId, [FromRoute(Name = "user_id")] string userId, AppClientAuthenticator clients, ManagementService management, CancellationToken cancellationToken)
    {
        var app = await clients.RequireAsync(context.Request, appId, cancellationToken);
        var body = await JsonBody.ReadAsync<ChangeMemberRequest>(context.Request, cancellationToken);
        return TypedResults.Ok(await management.ChangeAsync(app, userId, body, cancellationToken));
    }
}
