using System.Buffers.Text;
using System.Text.Json;

namespace Trachea.Tests.Infrastructure;

public static class JwtPayload
{
    /// <summary>The decoded (not validated) payload of a JWT, to assert on its claims.</summary>
    public static JsonElement Read(string jwt) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[1])).RootElement;
}
