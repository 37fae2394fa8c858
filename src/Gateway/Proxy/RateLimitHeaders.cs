using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// <c>RateLimit-Policy</c> and <c>RateLimit</c> (the IETF RateLimit header fields) on every response of a
/// rate-limited route, the backend's included, named after the caller's plan or <c>anonymous</c>.
/// </summary>
internal static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string State = "RateLimit";

    public static void Set(HttpResponse response, RateLimitTier tier, RateLimitDecision decision)
    {
        response.Headers[Policy] = tier.Policy;
        response.Headers[State] = string.Create(CultureInfo.InvariantCulture, $"\"{tier.Name}\";r={decision.Remaining};t={WholeSeconds(decision.ResetAfter)}");
    }

    /// <summary>Rounded up, so a client that waits this long finds the permit back.</summary>
    public static long WholeSeconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);
}
