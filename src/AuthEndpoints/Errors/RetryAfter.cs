using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Trachea.AuthEndpoints.Errors;

/// <summary>The <c>Retry-After</c> header of a RATE_LIMITED answer.</summary>
internal static class RetryAfter
{
    /// <summary>Sets <c>Retry-After</c> in whole seconds, rounded up so a client never retries too early.</summary>
    public static void Set(HttpResponse response, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(response);
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
    }
}
