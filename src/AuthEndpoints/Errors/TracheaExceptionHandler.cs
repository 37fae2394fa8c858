using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Trachea.AuthEndpoints.Errors;

/// <summary>
/// Maps every failure that reaches the host to problem details: typed failures keep their code, a body
/// Kestrel refuses is PAYLOAD_TOO_LARGE or VALIDATION_ERROR, anything else is a bare 500 (logged by the
/// framework, never described to the client).
/// </summary>
internal sealed class TracheaExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case TracheaException typed:
                if (typed.RetryAfter is { } retryAfter)
                {
                    RetryAfter.Set(httpContext.Response, retryAfter);
                }

                if (typed.Challenge is { } challenge)
                {
                    httpContext.Response.Headers.WWWAuthenticate = challenge;
                }

                await ProblemWriter.WriteAsync(httpContext, typed.Error, typed.Message, typed.Errors);
                return true;
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                await ProblemWriter.WriteAsync(httpContext, ErrorCodes.PayloadTooLarge, "The request body is larger than allowed.");
                return true;
            case BadHttpRequestException:
                await ProblemWriter.WriteAsync(httpContext, ErrorCodes.ValidationError, "The request could not be read.");
                return true;
            default:
                return false;
        }
    }
}
