namespace Trachea.Gateway.Operations;

/// <summary>
/// <c>healthcheck [url]</c>: asks a running gateway's <c>/healthz</c> and exits 0 when it answers 2xx. The
/// container's HEALTHCHECK runs it, since the ASP.NET runtime image has no curl or wget.
/// </summary>
internal static class HealthProbe
{
    public const string Command = "healthcheck";
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == Command;

    public static async Task<int> RunAsync(string[] args, TextWriter error)
    {
        if (args.Length > 2 || !Uri.TryCreate(args.Length == 2 ? args[1] : DefaultUrl, UriKind.Absolute, out var url))
        {
            await error.WriteLineAsync($"trachea: usage: {Command} [http://host:port/healthz]");
            return 2;
        }

        using var client = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await client.GetAsync(url);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await error.WriteLineAsync($"trachea: {url} answered {(int)response.StatusCode}");
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"trachea: {url} did not answer: {exception.GetType().Name}");
        }

        return 1;
    }
}
