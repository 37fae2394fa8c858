using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Sessions;
using Trachea.AuthEndpoints.Sessions.Pages;
using Trachea.Gateway.Operations;
using Trachea.Gateway.Proxy;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// <c>/auth/verify</c>, any method (docs/forward-auth.md): a known proxy asks whether the request it holds may
/// pass. The same <see cref="RouteAccess"/> as the proxy decides, for the <c>gateway.json</c> route the target
/// falls under (or the one <c>?route=</c> names), after the proxy's path rules on the target path. 200 carries
/// every identity header (empty when a value is absent, so a client's own copy is always replaced downstream) and
/// the route's assertion; refusals are the proxy's own 401 and 403. Never a 3xx but in <c>?redirect=1</c> mode,
/// for a browser navigation without credentials. The body is never read.
/// </summary>
internal sealed class ForwardAuthEndpoint(
    ProxyPeers peers,
    ForwardAuthRoutes routes,
    RouteAccess access,
    BackendAssertions assertions,
    BrowserOrigins origins,
    ReturnUrls returnUrls)
{
    public const string Path = "/auth/verify";

    public async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!peers.IsKnown(context))
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.UntrustedProxy, "Forward auth answers only the proxies in TRACHEA_KNOWN_PROXIES.");
            return;
        }

        if (ForwardedTarget.Read(context.Request.Headers, context.Request.Method, out var problem) is not { } target)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.UntrustedProxy, problem);
            return;
        }

        var query = context.Request.Query;
        var named = query["route"];
        var policy = named.Count == 0 ? routes.Match(target) : named.Count == 1 && named[0] is { } id ? routes.Named(id) : null;
        if (policy is null)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.UntrustedProxy, "The route named by ?route= is not loaded.");
            return;
        }

        if (RouteAccess.PathProblem(policy, target.Path) is { } pathProblem)
        {
            await ProblemWriter.WriteAsync(context, ErrorCodes.UntrustedProxy, $"The forwarded path is refused: {pathProblem}");
            return;
        }

        if (!policy.ChecksTokens)
        {
            Allow(context, null, policy);
            return;
        }

        var decision = await access.DecideAsync(context, policy, target.Method);
        if (decision.Identity is { } identity)
        {
            context.Features.Set<IRequestCaller>(identity);
        }

        if (decision.Refusal is { } refusal)
        {
            await refusal.WriteAsync(context);
        }
        else if (decision.Allowed || policy.Auth == RouteAuth.Optional)
        {
            Allow(context, decision.Identity, policy);
        }
        else if (query["redirect"] == "1" && policy.SignInRedirect && origins.Public is { } gateway
            && BrowserNavigation.Is(target.Method, context.Request.Headers))
        {
            context.Response.Redirect($"{gateway}{SessionPages.SignInPath}?rd={Uri.EscapeDataString(returnUrls.Validate(target.Url))}");
        }
        else
        {
            await (decision.SessionRevoked ? AccessRefusal.SessionRevoked : AccessRefusal.Challenge).WriteAsync(context);
        }
    }

    private void Allow(HttpContext context, GatewayIdentity? identity, RoutePolicy policy)
    {
        var headers = context.Response.Headers;
        foreach (var header in IdentityHeaders.All)
        {
            headers[header] = identity?.Value(header) is { } value ? IdentityHeaders.HeaderValue(value) : string.Empty;
        }

        if (identity is not null && policy.AssertionAudience is { } audience && assertions.For(identity, audience) is { } assertion)
        {
            headers[AssertionClaims.Header] = assertion;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
