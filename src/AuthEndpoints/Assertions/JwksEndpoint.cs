using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary><c>GET /.well-known/jwks.json</c>: the ring's published public keys (docs/assertion.md), anonymous and cacheable.</summary>
internal static class JwksEndpoint
{
    public const string Path = "/.well-known/jwks.json";

    // Shorter than the 10 minutes a rotated key waits before it signs, so every verifier has it in time.
    public const string CacheControl = "public, max-age=300";

    public static IEndpointRouteBuilder MapJwks(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, WriteAsync).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static async Task WriteAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ring = services.GetRequiredService<AssertionKeys>().Current;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = CacheControl;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        foreach (var key in ring.PublishedAt(now))
        {
            key.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }
}
