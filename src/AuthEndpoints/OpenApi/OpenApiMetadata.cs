using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.OpenApi;

/// <summary>
/// The body an endpoint reads itself with <see cref="Json.JsonBody"/>. Declared as metadata of our own, not
/// with <c>Accepts&lt;T&gt;()</c>: that would let routing answer a wrong Content-Type with a bare 415
/// instead of the contract's 422 VALIDATION_ERROR.
/// </summary>
internal sealed record JsonRequestBodyMetadata(Type RequestType);

/// <summary>The error codes an endpoint can answer with; the OpenAPI document names them in each response.</summary>
internal sealed record ErrorResponsesMetadata(IReadOnlyList<ErrorCode> Errors)
{
    public IEnumerable<(int Status, string Description)> Describe() =>
        Errors.GroupBy(error => error.Status).Select(status =>
            (status.Key, string.Join("; ", status.Select(error => $"{error.Code}: {error.Title}"))));
}

/// <summary>Endpoint metadata that feeds the OpenAPI document.</summary>
internal static class OpenApiMetadata
{
    public static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder builder)
        where T : class =>
        builder.WithMetadata(new JsonRequestBodyMetadata(typeof(T)));

    /// <summary>
    /// Declares the problem answers an endpoint can give: one problem response per status, whose description
    /// names each error code behind it.
    /// </summary>
    public static RouteHandlerBuilder ProducesErrors(this RouteHandlerBuilder builder, params IEnumerable<ErrorCode> errors)
    {
        var metadata = new ErrorResponsesMetadata([.. errors.Distinct()]);
        foreach (var (status, _) in metadata.Describe())
        {
            builder.ProducesProblem(status);
        }

        return builder.WithMetadata(metadata);
    }
}
