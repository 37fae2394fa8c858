using System.Text.Json;
using System.Text.Json.Serialization;

namespace Trachea.AuthEndpoints.Json;

/// <summary>
/// The JSON rules of the contract: snake_case names, strict types, and no field outside the contract
/// (an unknown member such as <c>role</c> or a duplicated key is refused, never ignored).
/// </summary>
internal static class TracheaJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.PropertyNameCaseInsensitive = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.AllowTrailingCommas = false;
    }
}
