using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Errors;
using Yarp.ReverseProxy.Forwarder;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// What the client gets when YARP could not get an answer from the backend and nothing was sent to the client
/// yet: its bare 502/503/504 becomes problem details (BACKEND_UNAVAILABLE, or BACKEND_TIMEOUT past the cluster's
/// <c>HttpRequest.ActivityTimeout</c>). Client-side failures keep YARP's status. Nothing is retried. The failure
/// is logged with the route and the reason, never the path or query (YARP's own forwarder log lines, which carry
/// the destination URL, are below the default level; see <see cref="TracheaGatewayExtensions"/>).
/// </summary>
internal sealed class BackendErrors(ILogger<BackendErrors> logger)
{
    /// <summary>Answers for a request the forwarder failed (<paramref name="failure"/>), unless the client already has an answer or YARP's status stays.</summary>
    public Task AnswerAsync(HttpContext context, IForwarderErrorFeature failure)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        var error = context.Response.StatusCode switch
        {
            StatusCodes.Status504GatewayTimeout => ErrorCodes.BackendTimeout,
            StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => ErrorCodes.BackendUnavailable,
            _ => null,
        };
        if (error is null)
        {
            return Task.CompletedTask;
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        GatewayLog.BackendFailed(logger, route.RouteId, route.ClusterId, failure.Error.ToString(), failure.Exception?.GetBaseException().Message ?? "no exception");
        var detail = error == ErrorCodes.BackendTimeout
            ? "The backend app did not answer in time."
            : "The backend app could not be reached.";
        return ProblemWriter.WriteAsync(context, error, detail).AsTask();
    }
}
