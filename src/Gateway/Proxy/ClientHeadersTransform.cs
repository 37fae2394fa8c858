using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Runs first on every route, right after YARP has copied the client's headers: removes every copy of a header
/// clients may not send a backend (<see cref="ClientHeaders.IsStripped"/>) and the gateway's own cookies from
/// <c>Cookie</c>. Running before the route's own transforms lets what the configuration sets (an
/// <c>X-Forwarded-Prefix</c> of YARP's X-Forwarded transform or of a RequestHeader transform) still be sent.
/// </summary>
internal sealed class ClientHeadersTransform : RequestTransform
{
    public static readonly ClientHeadersTransform Instance = new();

    private ClientHeadersTransform()
    {
    }

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        // The copies YARP made, not the client's headers: Kestrel accepts names HttpClient refuses (X-User-Id{),
        // which YARP could not copy and Remove would throw on. Their enumerator is a struct; Kestrel's, behind
        // IHeaderDictionary, is a new object per request.
        var outgoing = context.ProxyRequest.Headers;
        List<string>? stripped = null;
        foreach (var (name, _) in outgoing.NonValidated)
        {
            if (ClientHeaders.IsStripped(name))
            {
                (stripped ??= []).Add(name);
            }
        }

        if (stripped is not null)
        {
            foreach (var name in stripped)
            {
                outgoing.Remove(name);
            }
        }

        RemoveGatewayCookies(context.HttpContext.Request.Headers, outgoing);
        return default;
    }

    private static void RemoveGatewayCookies(IHeaderDictionary incoming, HttpRequestHeaders outgoing)
    {
        var cookies = incoming.Cookie;
        if (cookies.Count == 0 || !outgoing.NonValidated.Contains(HeaderNames.Cookie) || GatewayCookies.Without(cookies) is not { } kept)
        {
            return;
        }

        outgoing.Remove(HeaderNames.Cookie);
        if (kept.Length > 0)
        {
            outgoing.TryAddWithoutValidation(HeaderNames.Cookie, kept);
        }
    }
}
