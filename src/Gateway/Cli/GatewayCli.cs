using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;
using Trachea.Gateway.Hosting;

namespace Trachea.Gateway.Cli;

/// <summary>
/// The registry commands of the gateway binary (<c>apps …</c>, <c>users …</c>), on the same settings and
/// store as the server. Exit 0 on success; otherwise one line on stderr and a non-zero exit.
/// </summary>
internal static class GatewayCli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "apps" or "users";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            _ = services.GetRequiredService<IOptions<TracheaOptions>>().Value;
            var line = CommandLine.Parse(args);
            var cancellationToken = CancellationToken.None;
            await services.GetRequiredService<IStoreLifecycle>().InitializeAsync(cancellationToken);
            var time = services.GetRequiredService<TimeProvider>();
            var apps = services.GetRequiredService<IAppStore>();
            await (line.Words[0] == "apps"
                ? new AppsCommand(apps, time, output).RunAsync(line, cancellationToken)
                : new UsersCommand(services.GetRequiredService<IUserStore>(), apps, services.GetRequiredService<MembershipChangeService>(), output).RunAsync(line, cancellationToken));
            return 0;
        }
        catch (CliUsageException usage)
        {
            await error.WriteLineAsync($"trachea: {usage.Message}");
            return UsageError;
        }
        catch (Exception exception) when (StartupReport.Describe(exception) is { } lines)
        {
            await StartupReport.WriteAsync(error, lines);
            return Failure;
        }
    }
}
