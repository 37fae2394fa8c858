using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Runs last on every route, after the route's own path transforms: a path that still holds an encoded slash
/// (Kestrel leaves <c>%2F</c> as it is, and <see cref="PathRules"/> has refused any other <c>%</c>) is sent with
/// it as the client wrote it. YARP would encode that <c>%</c> again (<c>%252F</c>), a path the gateway refuses
/// from clients and that a backend decoding twice reads as a plain <c>/</c>. Other paths are left to YARP.
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
        if (context.ProxyRequest.RequestUri is null && path.Value.AsSpan().Contains('%'))
        {
            // As YARP's RequestUtilities.MakeDestinationAddress, but PathString keeps a '%' that starts an escape.
            var prefix = context.DestinationPrefix.AsSpan();
            prefix = prefix.EndsWith('/') ? prefix[..^1] : prefix;
            context.ProxyRequest.RequestUri = new Uri(string.Concat(prefix, path.ToUriComponent(), context.Query.QueryString.ToUriComponent()), UriKind.Absolute);
        }

        return default;
    }
}
