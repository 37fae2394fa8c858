namespace Trachea.AuthEndpoints.Storage;

internal sealed record Address(string? Street, string? City, string? State, string? Country, string? Zip);
