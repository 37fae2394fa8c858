using Trachea.AuthEndpoints.Assertions;
using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Adds <c>X-Trachea-Jwt-Assertion</c> for a caller that <see cref="RouteGuard"/> let through with a token of the
/// route's app, on routes that send one; the client's own copy was removed by <see cref="ClientHeadersTransform"/>.
/// <see cref="BackendAssertions"/> comes in when the route is built: taking it from the request's services would
/// create a service scope for every request.
/// </summary>
internal sealed class AssertionTransform(RoutePolicy policy, string audience, BackendAssertions assertions) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (context.HttpContext.Features.Get<GatewayIdentity>() is { } identity && identity.AppId == policy.AppId
            && assertions.For(identity, audience) is { } assertion)
        {
            context.ProxyRequest.Headers.TryAddWithoutValidation(AssertionClaims.Header, assertion);
        }

        return default;
    }
}
