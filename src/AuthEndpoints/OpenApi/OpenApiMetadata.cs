using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.OpenApi;

/// <summary>
/// The body an endpoint reads itself with <see cref="Json.JsonBody"/>. Declared as metadata of our own, not
/// with <c>Accepts&lt;T&gt;()</c>: that would let routing answer a wrong Content-Type with a bare 415
/// instead of the contract's 422 VALIDATION_ERROR.
/// </summary>
internal sealed record JsonRequestBodyMetadata(Type RequestType);

/// <summary>Endpoint metadata that feeds the OpenAPI document.</summary>
internal static class OpenApiMetadata
{
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder)
        where T : class =>
        builder.WithMetadata(new JsonRequestBodyMetadata(typeof(T)));

    /// <summary>
    /// Declares the problem answers an endpoint can give: one response per status, whose description names
    /// each seed code behind it.
    /// </summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params IEnumerable<ErrorCode> errors)
    {
        foreach (var status in errors.Distinct().GroupBy(error => error.Status).OrderBy(group => group.Key))
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status.Key, typeof(ProblemDetails), ["application/problem+json"])
            {
                Description = string.Join("; ", status.Select(error => $"{error.Code}: {error.Title}")),
            });
        }

        return builder;
    }
}
