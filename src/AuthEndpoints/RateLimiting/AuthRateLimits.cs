using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.RateLimiting;

/// <summary>
/// The framework's rate limiter for the credential endpoints: a per-address policy on register, login and
/// refresh, and a per-username limiter that the login handler consults once the body is read.
/// Both count per gateway instance, in fixed one-minute windows.
/// </summary>
internal static class AuthRateLimits
{
    public const string PerAddressPolicy = "trachea-auth-per-address";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddTracheaRateLimiting(this IServiceCollection services)
    {
        services.AddSingleton<UsernameRateLimiter>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy<string, ClientAddressPolicy>(PerAddressPolicy);
        });
        return services;
    }

    public static TracheaException Limited(TimeSpan? retryAfter) =>
        new(ErrorCodes.RateLimited, "Too many attempts; wait before trying again.") { RetryAfter = retryAfter ?? Window };
}
