using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Runs after the route's own transforms, once <see cref="ClientHeadersTransform"/> has removed the client's copies
/// of reserved headers: removes the client's <c>Connection</c> header and, unless the route forwards it,
/// <c>Authorization</c>; then adds the identity of a caller that <see cref="RouteGuard"/> let through with a token
/// of this route's app, each value written by <see cref="IdentityHeaders.HeaderValue"/>.
/// </summary>
internal sealed class IdentityHeadersTransform(RoutePolicy policy) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var outgoing = context.ProxyRequest.Headers;

        // YARP never copies Connection (nor the hop-by-hop headers), and does not act on the names it lists; removing
        // it again keeps a client from naming our own headers there should anything downstream ever honour it.
        outgoing.Remove(HeaderNames.Connection);
        if (!policy.ForwardAuthorization)
        {
            outgoing.Authorization = null;
        }

        if (policy.ChecksTokens && context.HttpContext.Features.Get<GatewayIdentity>() is { } identity && identity.AppId == policy.AppId)
        {
            // In IdentityHeaders.All's order; absent values are left out.
            foreach (var header in IdentityHeaders.All)
            {
                if (identity.Value(header) is { Length: > 0 } value)
                {
                    outgoing.TryAddWithoutValidation(header, IdentityHeaders.HeaderValue(value));
                }
            }
        }

        return default;
    }
}
