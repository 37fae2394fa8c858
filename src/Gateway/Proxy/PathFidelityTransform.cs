using Microsoft.AspNetCore.Http.Features;
using Trachea.AuthEndpoints.Errors;
using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Runs last on every route, after the route's own path transforms: a path that still holds an encoded slash
/// (Kestrel leaves <c>%2F</c> as it is, and <see cref="PathRules"/> has refused any other <c>%</c>) is sent with
/// it as the client wrote it. YARP would encode that <c>%</c> again (<c>%252F</c>), a path the gateway refuses
/// from clients and that a backend decoding twice reads as a plain <c>/</c>. Kestrel decodes a client's
/// <c>%252F</c> into that same <c>%2F</c>, so only the raw request target tells them apart: that one is refused
/// here as encoded twice (YARP forwards nothing once a transform has answered). Other paths are left to YARP.
/// </summary>
internal sealed class PathFidelityTransform : RequestTransform
{
    public static readonly PathFidelityTransform Instance = new();

    private PathFidelityTransform()
    {
    }

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var path = context.Path;
        if (context.ProxyRequest.RequestUri is not null || !path.Value.AsSpan().Contains('%'))
        {
            return default;
        }

        var rawTarget = context.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (PathRules.FindEncodedPercent(rawTarget) is { } problem)
        {
            return ProblemWriter.WriteAsync(context.HttpContext, ErrorCodes.ValidationError, problem, new Dictionary<string, string[]> { ["path"] = [problem] });
        }

        // As YARP's RequestUtilities.MakeDestinationAddress, but PathString keeps a '%' that starts an escape.
        var prefix = context.DestinationPrefix.AsSpan();
        prefix = prefix.EndsWith('/') ? prefix[..^1] : prefix;
        context.ProxyRequest.RequestUri = new Uri(string.Concat(prefix, path.ToUriComponent(), context.Query.QueryString.ToUriComponent()), UriKind.Absolute);
        return default;
    }
}
