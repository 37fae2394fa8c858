using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Runs last on every route, after YARP has copied the client's headers: removes every copy of a reserved
/// header (<see cref="IdentityHeaders.IsReserved"/>), the client's <c>Connection</c> header and, unless the
/// route forwards it, <c>Authorization</c>; then adds the identity of a caller that <see cref="RouteGuard"/>
/// let through with a token of this route's app.
/// </summary>
internal sealed class IdentityHeadersTransform(RoutePolicy policy) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        var outgoing = context.ProxyRequest.Headers;
        RemoveReserved(context.HttpContext.Request.Headers, outgoing);

        // YARP never copies Connection (nor the hop-by-hop headers), and does not act on the names it lists; removing
        // it again keeps a client from naming our own headers there should anything downstream ever honour it.
        outgoing.Remove(HeaderNames.Connection);
        if (!policy.ForwardAuthorization)
        {
            outgoing.Remove(HeaderNames.Authorization);
        }

        if (policy.ChecksTokens && context.HttpContext.Features.Get<GatewayIdentity>() is { } identity && identity.AppId == policy.AppId)
        {
            foreach (var (header, value) in identity.Headers)
            {
                outgoing.TryAddWithoutValidation(header, value);
            }
        }

        return default;
    }

    private static void RemoveReserved(IHeaderDictionary incoming, HttpRequestHeaders outgoing)
    {
        foreach (var (name, _) in incoming)
        {
            // Kestrel accepts names HttpClient refuses (X-User-Id{): YARP could not copy those, and Remove would throw.
            if (IdentityHeaders.IsReserved(name) && outgoing.NonValidated.Contains(name))
            {
                outgoing.Remove(name);
            }
        }
    }
}
