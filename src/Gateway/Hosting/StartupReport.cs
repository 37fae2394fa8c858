using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Startup;
using Trachea.Gateway.Proxy;

namespace Trachea.Gateway.Hosting;

/// <summary>
/// Runs the start-up checks (settings, store, routes file) and turns their failures, and a listening address
/// already in use, into one line per problem, no stack trace.
/// </summary>
internal static class StartupReport
{
    public static async Task<bool> PrepareAsync(IServiceProvider services, TextWriter error)
    {
        try
        {
            await TracheaStartup.PrepareAsync(services, CancellationToken.None);
            var gatewayProblems = await GatewayConfigProblems.FindAsync(services);
            await WriteAsync(error, gatewayProblems);
            return gatewayProblems.Count == 0;
        }
        catch (Exception exception) when (Describe(exception) is { } lines)
        {
            await WriteAsync(error, lines);
            return false;
        }
    }

    /// <returns>The operator-facing lines for a known start-up failure; null for anything else.</returns>
    public static IReadOnlyList<string>? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        StartupException problem => [problem.Message],
        TracheaException failure => [$"{failure.Error.Code}: {failure.Message}"],
        IOException { InnerException: AddressInUseException } inUse => [$"{inUse.Message} Stop what listens there or set another address (ASPNETCORE_URLS)."],
        _ => null,
    };

    public static async Task WriteAsync(TextWriter error, IEnumerable<string> lines)
    {
        foreach (var line in lines)
        {
            await error.WriteLineAsync($"trachea: {line}");
        }
    }
}
