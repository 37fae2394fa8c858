using System.Text.Json;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>The JSON text kept in single columns: an address, and the string lists of an app.</summary>
internal static class SqliteJson
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static string? FromAddress(Address? address) =>
        address is null ? null : JsonSerializer.Serialize(address, Options);

    public static Address? ToAddress(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Address>(json, Options);

    public static string FromList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, Options);

    public static IReadOnlyList<string> ToList(string json) => JsonSerializer.Deserialize<string[]>(json, Options) ?? [];
}
