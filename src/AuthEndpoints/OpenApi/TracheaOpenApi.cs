using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Trachea.AuthEndpoints.OpenApi;

/// <summary>
/// The OpenAPI document of /auth, /users and the management API under /apps: request bodies that the endpoints read themselves, the
/// bearer scheme on protected operations, and (through <see cref="OpenApiMetadata.ProducesErrors"/>) every
/// problem answer with its error codes. Schemas follow the API's snake_case JSON options.
/// </summary>
internal static class TracheaOpenApi
{
    public const string DocumentName = "v1";

    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddTracheaOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath is { } path
                && (path.StartsWith("auth/", StringComparison.Ordinal) || path.StartsWith("users/", StringComparison.Ordinal)
                    || path.StartsWith("apps/", StringComparison.Ordinal));
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Trachea Gateway",
                    Version = DocumentName,
                    Description = "Sign-in, tokens and profiles of Trachea Gateway. Errors are RFC 9457 problem details whose `code` is one of the gateway's error codes (see the error code table in docs/http-api.md).",
                };
                document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "The access_token of a token response, in a single Authorization header.",
                });
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeOperationAsync);
            options.AddSchemaTransformer(DescribeProblemDetails);
        });

    // Problem details carry the error code, the trace id and, for VALIDATION_ERROR, the fields in error.
    private static Task DescribeProblemDetails(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(ProblemDetails))
        {
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The error code clients switch on, e.g. INVALID_CREDENTIALS." };
            schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Correlates the answer with the gateway's logs." };
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "VALIDATION_ERROR only: messages by field name.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
            schema.Required = new HashSet<string> { "type", "title", "status", "code", "traceId" };
            schema.AdditionalPropertiesAllowed = true;
        }

        return Task.CompletedTask;
    }

    private static async Task DescribeOperationAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<JsonRequestBodyMetadata>().LastOrDefault() is { } body)
        {
            var schema = await context.GetOrCreateSchemaAsync(body.RequestType, null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        }

        foreach (var (status, description) in metadata.OfType<ErrorResponsesMetadata>().SelectMany(errors => errors.Describe()))
        {
            if (operation.Responses?.TryGetValue(status.ToString(CultureInfo.InvariantCulture), out var response) == true)
            {
                response.Description = description;
            }
        }

        if (metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];
        }
    }
}
