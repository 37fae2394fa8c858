using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Trachea.AuthEndpoints.Errors;

/// <summary>
/// Maps every failure that reaches the host to problem details: typed failures keep their code, a
/// body that cannot be read is VALIDATION_ERROR or PAYLOAD_TOO_LARGE, anything else is a bare 500
/// (logged by the framework, never described to the client).
/// </summary>
internal sealed class TracheaExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case TracheaException typed:
                await ProblemWriter.WriteAsync(httpContext, typed.Error, typed.Message, typed.Errors);
                return true;
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                await ProblemWriter.WriteAsync(httpContext, ErrorCodes.PayloadTooLarge, "The request body is larger than allowed.");
                return true;
            case BadHttpRequestException badRequest:
                await ProblemWriter.WriteAsync(httpContext, ErrorCodes.ValidationError, "The request body is not valid JSON for this endpoint.", DescribeBodyError(badRequest));
                return true;
            default:
                return false;
        }
    }

    private static Dictionary<string, string[]> DescribeBodyError(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            return new Dictionary<string, string[]> { [field] = [DescribeJsonError(json)] };
        }

        return new Dictionary<string, string[]> { ["body"] = ["A JSON object body is required."] };
    }

    // JsonException messages can quote the offending input, so only fixed wording reaches the client.
    private static string DescribeJsonError(JsonException json) => json.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) => "This field is not part of the contract.",
        var m when m.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "This field appears more than once.",
        var m when m.Contains("could not be converted", StringComparison.Ordinal) => "This field has the wrong JSON type.",
        _ => "The body is not well-formed JSON.",
    };
}
