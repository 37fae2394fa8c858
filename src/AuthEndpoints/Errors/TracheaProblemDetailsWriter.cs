using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Trachea.AuthEndpoints.Errors;

/// <summary>
/// Writes every problem response of the host. The API's own snake_case naming must not reach problem
/// details, whose members (and the <c>traceId</c> extension) keep their RFC 9457 / ASP.NET spelling.
/// </summary>
internal sealed class TracheaProblemDetailsWriter : IProblemDetailsWriter
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var response = context.HttpContext.Response;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        return new ValueTask(response.WriteAsJsonAsync(problem, SerializerOptions, "application/problem+json"));
    }
}
