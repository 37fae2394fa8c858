namespace Trachea.Tests.Proxy;

/// <summary>A user with a real access token issued by the gateway, or nobody (<see cref="Anonymous"/>).</summary>
public sealed record Caller(string Name, string? Token, string? UserId, string? Username, string Role, string Plan, string AppId)
{
    public static readonly Caller Anonymous = new("anonymous", null, null, null, "", "", "");

    public (string Name, string Value)[] AuthorizationHeader => Token is null ? [] : [("Authorization", $"Bearer {Token}")];

    public HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (Token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }

        return request;
    }

    public override string ToString() => Name;
}
