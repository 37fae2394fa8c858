using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using Trachea.Gateway.Hosting;
using Trachea.Gateway.Operations;

namespace Trachea.Gateway.Cli;

/// <summary>
/// The registry commands of the gateway binary (<c>apps …</c>, <c>users …</c>, <c>keys …</c>), on the same settings and
/// store as the server. Exit 0 on success (and for <c>--help</c>); a command line that does not parse, or
/// cannot be carried out, is one line on stderr and exit 2; a settings or store failure is exit 1.
/// </summary>
internal static class GatewayCli
{
    public const int UsageError = 2;
    public const int Failure = 1;

    private static readonly string[] HelpWords = ["--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && (args[0] is "apps" or "users" or "keys" || HelpWords.Contains(args[0]));

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        var root = Create(new CliServices(services));
        var result = root.Parse(args);
        // Help answers even when the rest of the line is incomplete (`apps add --help`), as System.CommandLine's own action does.
        if (result.Errors.Count > 0 && result.Action is not HelpAction)
        {
            await error.WriteLineAsync($"trachea: {MostTelling(result).Message} See '{HelpHint(result)} --help'.");
            return UsageError;
        }

        try
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
            return await result.InvokeAsync(configuration, CancellationToken.None);
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

    private static RootCommand Create(CliServices services)
    {
        var root = new RootCommand(
            "Trachea Gateway. With no command it starts the gateway server; these commands manage its registry "
            + $"on the same settings and store. '{HealthProbe.Command} [url]' asks a running gateway's /healthz.")
        {
            AppsCommand.Create(services),
            UsersCommand.Create(services),
            KeysCommand.Create(services),
        };
        // The server path, not this parser, sees `--version`; the help would otherwise offer an option that starts the server.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        return root;
    }

    /// <summary>The error to show alone: a mistyped word first, then a missing argument, then the rest.</summary>
    private static ParseError MostTelling(ParseResult result) =>
        result.Errors
            .OrderBy(e => result.UnmatchedTokens.Any(t => e.Message.Contains($"'{t}'", StringComparison.Ordinal)) ? 0
                : e.SymbolResult is ArgumentResult ? 1 : 2)
            .First();

    private static string HelpHint(ParseResult result)
    {
        var names = new List<string>();
        for (var command = result.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }
}
