using System.Text.Json;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Trachea.Tests.Firebase;

/// <summary>Stands in for Google's JWK endpoint on loopback, serving keys the test generated.</summary>
internal sealed class FirebaseKeyServer : IDisposable
{
    public const string KeysPath = "/service_accounts/v1/jwk/securetoken";

    private readonly WireMockServer _server = WireMockServer.Start();

    public string KeysUrl => _server.Url + KeysPath;

    public int KeyRequests => _server.LogEntries.Count(entry => entry.RequestMessage.Path == KeysPath);

    /// <param name="keys">The keys to publish as a JWK set.</param>
    /// <param name="maxAgeSeconds">The Cache-Control max-age, as Google sends it; null sends no Cache-Control.</param>
    /// <param name="delay">How long to wait before answering.</param>
    public void Publish(IEnumerable<FirebaseTestKey> keys, int? maxAgeSeconds = 3600, TimeSpan? delay = null)
    {
        var body = JsonSerializer.Serialize(new { keys = keys.Select(key => key.ToJwk()) });
        var response = Response.Create()
            .WithStatusCode(200)
            .WithHeader("Content-Type", "application/json; charset=UTF-8")
            .WithBody(body);
        if (maxAgeSeconds is { } maxAge)
        {
            response = response.WithHeader("Cache-Control", $"public, max-age={maxAge}, must-revalidate, no-transform");
        }

        Answer(delay is { } pause ? response.WithDelay(pause) : response);
    }

    public void Answer(int status, string body) => Answer(Response.Create().WithStatusCode(status).WithBody(body));

    public void Stop() => _server.Stop();

    public void Dispose() => _server.Dispose();

    private void Answer(IResponseBuilder response)
    {
        _server.ResetMappings();
        _server.Given(Request.Create().WithPath(KeysPath).UsingGet()).RespondWith(response);
    }
}
