using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Trachea.AuthEndpoints.Telemetry;

namespace Trachea.AuthEndpoints.Errors;

/// <summary>The one place that turns an <see cref="ErrorCode"/> into an RFC 9457 problem response.</summary>
internal static class ProblemWriter
{
    public static ProblemDetails Create(ErrorCode error, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        var problem = new ProblemDetails
        {
            Status = error.Status,
            Title = error.Title,
            Detail = detail ?? error.Title,
        };
        problem.Extensions["code"] = error.Code;
        if (errors is not null)
        {
            problem.Extensions["errors"] = errors;
        }

        return problem;
    }

    public static ValueTask WriteAsync(HttpContext context, ErrorCode error, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null)
    {
        context.Response.StatusCode = error.Status;
        context.RequestServices.GetService<TracheaMetrics>()?.Failure(error.Code);
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        return service.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Create(error, detail, errors),
        });
    }
}
