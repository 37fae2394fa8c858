using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Json;
using Trachea.AuthEndpoints.OpenApi;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Sessions;
using Trachea.AuthEndpoints.Sessions.Pages;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>/auth: register, login, refresh, logout.</summary>
internal static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/register", RegisterAsync)
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy)
            .WithSummary("Create a username account (plan free, role member) and sign it in")
            .WithJsonBody<RegisterRequest>()
            .ProducesErrors([.. EndpointErrors.Body, .. EndpointErrors.Credentials, .. EndpointErrors.App, ErrorCodes.UsernameTaken]);
        group.MapPost("/login", LoginAsync)
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy)
            .WithSummary("Sign in with a Firebase ID token, or with username and password")
            .WithJsonBody<LoginRequest>()
            .ProducesErrors([
                .. EndpointErrors.Body, .. EndpointErrors.Credentials, .. EndpointErrors.App,
                ErrorCodes.InvalidCredentials, ErrorCodes.InvalidFirebaseToken, ErrorCodes.UserInactive,
                ErrorCodes.EmailTaken, ErrorCodes.IdentityProviderUnavailable,
            ]);
        group.MapPost("/refresh", RefreshAsync)
            .RequireRateLimiting(AuthRateLimits.PerAddressPolicy)
            .WithSummary("Exchange a refresh token for new tokens; the old one is now used")
            .WithJsonBody<RefreshRequest>()
            .ProducesErrors([
                .. EndpointErrors.Body, .. EndpointErrors.Credentials,
                ErrorCodes.RefreshTokenInvalid, ErrorCodes.RefreshTokenReuse, ErrorCodes.UserInactive, ErrorCodes.AppNotFound, ErrorCodes.AppInactive,
            ]);
        group.MapPost("/logout", LogoutAsync).RequireAuthorization()
            .WithSummary("Revoke every refresh token of the caller")
            .ProducesErrors([.. EndpointErrors.Bearer, ErrorCodes.StoreUnavailable]);
        group.MapSessionApi();
        group.MapSessionPages();
        return group;
    }

    private static async Task<Created<TokenResponse>> RegisterAsync(HttpRequest request, AuthService auth, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RegisterRequest>(request, cancellationToken);
        return TypedResults.Created("/users/me", await auth.RegisterAsync(body, cancellationToken));
    }

    private static async Task<Ok<TokenResponse>> LoginAsync(
        HttpRequest request, AuthService auth, FirebaseLoginService firebase, UsernameRateLimiter usernameLimits, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<LoginRequest>(request, cancellationToken);
        if (body.FirebaseToken is not null)
        {
            if (body.Username is not null || body.Password is not null)
            {
                throw TracheaException.Validation("firebase_token", "Send either firebase_token, or username and password, not both.");
            }

            return TypedResults.Ok(await firebase.LoginAsync(body.FirebaseToken, body.AppId, cancellationToken));
        }

        if (!string.IsNullOrEmpty(body.Username))
        {
            usernameLimits.Acquire(body.Username);
        }

        return TypedResults.Ok(await auth.LoginWithPasswordAsync(body.Username, body.Password, body.AppId, cancellationToken));
    }

    private static async Task<Ok<TokenResponse>> RefreshAsync(HttpRequest request, AuthService auth, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadAsync<RefreshRequest>(request, cancellationToken);
        return TypedResults.Ok(await auth.RefreshAsync(body, cancellationToken));
    }

    private static async Task<NoContent> LogoutAsync(HttpContext context, AuthService auth, CancellationToken cancellationToken)
    {
        await auth.LogoutAsync(CurrentUser.From(context.User).UserId, cancellationToken);
        return TypedResults.NoContent();
    }
}
