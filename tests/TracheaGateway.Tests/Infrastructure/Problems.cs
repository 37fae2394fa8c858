using System.Net;
using System.Text.Json;

namespace Trachea.Tests.Infrastructure;

public static class Problems
{
    /// <summary>Asserts a problem-details answer with this status and error code; returns its body.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.Equal(code, body.GetProperty("code").GetString());
        Assert.True(body.TryGetProperty("traceId", out _), "problem details carry a traceId");
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return body;
    }
}
