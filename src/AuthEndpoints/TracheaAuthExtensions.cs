using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Firebase;
using Trachea.AuthEndpoints.Json;
using Trachea.AuthEndpoints.Management;
using Trachea.AuthEndpoints.Passwords;
using Trachea.AuthEndpoints.Startup;
using Trachea.AuthEndpoints.RateLimiting;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Sessions;
using Trachea.AuthEndpoints.Sessions.Pages;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Telemetry;
using Trachea.AuthEndpoints.Tokens;
using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints;

/// <summary>Registers and maps Trachea's /auth and /users endpoints.</summary>
public static class TracheaAuthExtensions
{
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    /// <summary>Settings, store, tokens, passwords, bearer authentication and problem details.</summary>
    public static WebApplicationBuilder AddTracheaAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IConfigurationBuilder)builder.Configuration).Add(new TracheaEnvironmentVariables());
        var services = builder.Services;
        services.AddOptions<TracheaOptions>().BindConfiguration(TracheaOptions.Section).ValidateOnStart();
        services.AddSingleton<IPostConfigureOptions<TracheaOptions>, TracheaOptionsSetup>();
        services.AddSingleton<IValidateOptions<TracheaOptions>, TracheaOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTracheaStore();
        services.AddSingleton<StoreReadiness>();
        services.AddHostedService<DeferredStoreInitialization>();
        services.AddSingleton<RevocationTable>();
        services.AddSingleton<RevocationFeedHealth>();
        services.AddSingleton<RevocationService>();
        services.AddSingleton<RevocationPoller>();
        services.AddHostedService(provider => provider.GetRequiredService<RevocationPoller>());
        services.AddSingleton<SigningKeyProtector>();
        services.AddSingleton<SigningKeyFactory>();
        services.AddSingleton<SigningKeyAdministration>();
        services.AddSingleton<AssertionKeys>();
        services.AddSingleton<AssertionIssuer>();
        services.AddSingleton<AssertionKeyPoller>();
        services.AddHostedService(provider => provider.GetRequiredService<AssertionKeyPoller>());

        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<AppGate>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<MembershipService>();
        services.AddSingleton<MembershipChangeService>();
        services.AddSingleton<RefreshTokenSuccessors>();
        services.AddSingleton<AuthService>();
        services.AddSingleton<ProfileService>();
        services.AddSingleton<AppClientAuthenticator>();
        services.AddSingleton<ManagementService>();
        services.AddSingleton<PasswordChangeService>();
        services.AddSingleton<FirebaseLoginService>();
        services.AddTracheaFirebase();
        services.AddSingleton<BrowserOrigins>();
        services.AddSingleton<ReturnUrls>();
        services.AddSingleton<CsrfTokens>();
        services.AddSingleton<SessionAuthenticator>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<PageServices>();
        services.AddSingleton<TracheaMetrics>();
        services.AddTracheaRateLimiting();

        // No default authenticate scheme (nor the automatic one a single scheme would get): a token is validated
        // only where an endpoint or route asks for it, never for every request by the authentication middleware.
        // The proxy keeps its own cache of validated tokens (ValidatedTokenCache).
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        services.AddAuthentication(authentication =>
            {
                authentication.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
                authentication.DefaultForbidScheme = JwtBearerDefaults.AuthenticationScheme;
            })
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(
                SessionAuthenticationHandler.BearerOrSession, null, policy => policy.ForwardDefaultSelector = SessionAuthenticationHandler.SelectScheme);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearer>();
        services.AddAuthorizationBuilder()
            .SetDefaultPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(
                SessionAuthenticationHandler.BearerOrSession,
                new AuthorizationPolicyBuilder(SessionAuthenticationHandler.BearerOrSession).RequireAuthenticatedUser().Build());

        services.ConfigureHttpJsonOptions(json => TracheaJson.Configure(json.SerializerOptions));
        services.AddSingleton<IProblemDetailsWriter, TracheaProblemDetailsWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<TracheaExceptionHandler>();
        return builder;
    }

    /// <summary>Maps /auth, /users and the management API with the body cap applied once to each group, and the assertion keys (JWKS).</summary>
    public static IEndpointRouteBuilder MapTracheaAuth(this IEndpointRouteBuilder routes)
    {
        var bodyLimit = new RequestSizeLimitAttribute(JsonBody.MaxBytes);
        routes.MapAuthApi().WithMetadata(bodyLimit);
        routes.MapUsersApi().WithMetadata(bodyLimit);
        routes.MapManagementApi().WithMetadata(bodyLimit);
        routes.MapJwks();
        return routes;
    }
}
