using Microsoft.Extensions.DependencyInjection;
using Trachea.AuthEndpoints.Assertions;
using Yarp.ReverseProxy.Transforms;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Adds <c>X-Trachea-Jwt-Assertion</c> for a caller that <see cref="RouteGuard"/> let through with a token of the
/// route's app, on routes that send one; the client's own copy was removed by <see cref="ClientHeadersTransform"/>.
/// </summary>
internal sealed class AssertionTransform(RoutePolicy policy, string audience) : RequestTransform
{
    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        if (context.HttpContext.Features.Get<GatewayIdentity>() is { } identity && identity.AppId == policy.AppId
            && context.HttpContext.RequestServices.GetRequiredService<BackendAssertions>().For(identity, audience) is { } assertion)
        {
            context.ProxyRequest.Headers.TryAddWithoutValidation(AssertionClaims.Header, assertion);
        }

        return default;
    }
}
