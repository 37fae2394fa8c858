using System.Text.Json;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>
/// The public half of a ring key as JWKS publishes it (RFC 7517/7518): only <c>kty, crv, x, y, kid, use, alg</c>
/// are ever written, whatever the stored JSON holds.
/// </summary>
internal sealed record PublicJwk(string Kid, string X, string Y)
{
    public static string Write(PublicJwk key)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            key.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <returns>The key of a stored <c>public_jwk</c>, or null when it is not a P-256 JWK with x and y.</returns>
    public static PublicJwk? Read(string kid, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && Text(root, "kty") == "EC" && Text(root, "crv") == "P-256"
            && Text(root, "x") is { } x && Text(root, "y") is { } y
            ? new PublicJwk(kid, x, y)
            : null;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", X);
        writer.WriteString("y", Y);
        writer.WriteString("kid", Kid);
        writer.WriteString("use", "sig");
        writer.WriteString("alg", "ES256");
        writer.WriteEndObject();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
