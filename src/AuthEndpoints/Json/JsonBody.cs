using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Json;

/// <summary>
/// Reads an /auth, /users or management body: refused with PAYLOAD_TOO_LARGE past <see cref="MaxBytes"/> before
/// any other work, and with VALIDATION_ERROR when it is not a JSON object of exactly the contract's fields. The
/// JSON rules are the framework's (System.Text.Json with <see cref="TracheaJson"/>'s options), and the groups also
/// carry the cap as a request size limit for Kestrel. What the framework's <c>[FromBody]</c> binding cannot do, and
/// this reader does: answer a wrong Content-Type with the contract's 422 (routing answers a bare 415 before any
/// handler runs), and hold the cap on every server, including the in-process test server, which ignores request
/// size limits.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 16 * 1024;

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        if (!request.HasJsonContentType())
        {
            throw TracheaException.Validation("body", "Content-Type must be application/json.");
        }

        var bytes = await ReadCappedAsync(request.Body, cancellationToken);
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<T>(bytes.Span, options)
                ?? throw TracheaException.Validation("body", "A JSON object is required.");
        }
        catch (JsonException exception)
        {
            throw TracheaException.Validation(FieldOf(exception.Path), Describe(exception));
        }
    }

    private static async Task<ReadOnlyMemory<byte>> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Turns a JSON path (<c>$.address.zip</c>, <c>$['$where']</c>) into the field name clients see.</summary>
    private static string FieldOf(string? path)
    {
        var field = (path ?? "").Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
        return field is "" or "$" ? "body" : field[2..];
    }

    private static TracheaException TooLarge() =>
        new(ErrorCodes.PayloadTooLarge, $"The request body is larger than {MaxBytes} bytes.");

    // JsonException messages can quote the input, so only fixed wording reaches the client.
    private static string Describe(JsonException exception) => exception.Message switch
    {
        var m when m.Contains("could not be mapped", StringComparison.Ordinal) => "This field is not part of the contract.",
        var m when m.Contains("Duplicate", StringComparison.OrdinalIgnoreCase) => "This field appears more than once.",
        var m when m.Contains("could not be converted", StringComparison.Ordinal) => "This field has the wrong JSON type.",
        _ => "The body is not well-formed JSON.",
    };
}
