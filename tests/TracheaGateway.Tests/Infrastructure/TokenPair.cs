using System.Text.Json;

namespace Trachea.Tests.Infrastructure;

/// <summary>The parts of a token response that tests use.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, string UserId, JsonElement Body)
{
    public static async Task<TokenPair> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TokenPair(
            body.GetProperty("access_token").GetString()!,
            body.GetProperty("refresh_token").GetString()!,
            body.GetProperty("user").GetProperty("id").GetString()!,
            body);
    }
}
