using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.Gateway.Cli;

/// <summary><c>apps add|list|disable</c>: the app registry.</summary>
internal sealed class AppsCommand(IAppStore apps, TimeProvider time, TextWriter output)
{
    public Task RunAsync(CommandLine line, CancellationToken cancellationToken) => line.Word(1, "apps subcommand (add, list, disable)") switch
    {
        "add" => AddAsync(line, cancellationToken),
        "list" => ListAsync(line, cancellationToken),
        "disable" => DisableAsync(line, cancellationToken),
        var other => throw new CliUsageException($"unknown apps subcommand '{other}' (add, list, disable)."),
    };

    private async Task AddAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RequireOnly(3, "name", "methods", "domains");
        var appId = line.Word(2, "app id");
        if (!AppIds.IsValid(appId))
        {
            throw new CliUsageException($"app id '{appId}' is not valid: {AppIds.Rule}.");
        }

        var methods = SplitList(line.Option("methods"));
        var unknown = methods.Where(m => !AuthMethods.All.Contains(m)).ToList();
        if (methods.Count == 0 || unknown.Count > 0)
        {
            throw new CliUsageException($"--methods takes a comma-separated list of: {string.Join(", ", AuthMethods.All)}.");
        }

        var (secret, hash) = AppSecrets.Create();
        var added = await apps.InsertAsync(
            new AppRegistration
            {
                AppId = appId,
                Name = line.Option("name"),
                SecretHash = hash,
                Domains = SplitList(line.OptionalOption("domains")),
                AllowedAuthMethods = methods,
                CreatedAt = time.GetUtcNow(),
            },
            cancellationToken);
        if (!added)
        {
            throw new CliUsageException($"app '{appId}' already exists.");
        }

        await output.WriteLineAsync($"Added app '{appId}' ({string.Join(",", methods)}). Its secret, shown only this once:");
        await output.WriteLineAsync(secret);
    }

    private async Task ListAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RequireOnly(2);
        foreach (var app in await apps.ListAsync(cancellationToken))
        {
            var state = app.IsActive ? "active" : "disabled";
            await output.WriteLineAsync($"{app.AppId}\t{state}\t{string.Join(",", app.AllowedAuthMethods)}\t{app.Name}");
        }
    }

    private async Task DisableAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RequireOnly(3);
        var appId = line.Word(2, "app id");
        if (!await apps.SetActiveAsync(appId, false, cancellationToken))
        {
            throw new CliUsageException($"app '{appId}' is not registered.");
        }

        await output.WriteLineAsync($"Disabled app '{appId}'.");
    }

    private static List<string> SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
