using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Trachea.AuthEndpoints.Json;

namespace Trachea.AuthEndpoints.Users;

/// <summary>/users/me: the caller's own profile, plan and account, for the token's app.</summary>
internal static class UsersApi
{
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/users/me").WithTags("Users").RequireAuthorization();
        group.MapGet("/", GetAsync);
        group.MapPatch("/", UpdateAsync);
        group.MapDelete("/", DeactivateAsync);
        group.MapPatch("/plan", ChangePlanAsync);
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

    private static async Task<Ok<UserProfile>> ChangePlanAsync(HttpContext context, ProfileService profiles, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<UpdatePlanRequest>(context.Request, cancellationToken);
        return TypedResults.Ok(await profiles.ChangePlanAsync(CurrentUser.From(context.User), body, cancellationToken));
    }
}
