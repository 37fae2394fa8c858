using System.CommandLine;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.Gateway.Cli;

/// <summary><c>apps add|list|set|disable</c>: the app registry.</summary>
internal static class AppsCommand
{
    public static Command Create(CliServices services) => new("apps", "Register, list, change and disable the apps users sign in to.")
    {
        Add(services),
        List(services),
        Set(services),
        Disable(services),
    };

    private static Command Add(CliServices services)
    {
        var appId = new Argument<string>("app-id") { Description = $"The new app's id: {AppIds.Rule}." };
        var name = new Option<string>("--name") { Description = "A display name for the app.", Required = true };
        var methods = new Option<string>("--methods")
        {
            Description = $"Comma-separated sign-in methods the app accepts: {string.Join(", ", AuthMethods.All)}.",
            Required = true,
        };
        var domains = new Option<string>("--domains") { Description = "Comma-separated domains the app is served on (optional)." };
        var selfService = SelfServicePlansOption.Create(required: false, $" (default: {Plans.Free})");
        var command = new Command("add", "Register an app and print its secret, once, alone on the last line.")
        {
            appId, name, methods, domains, selfService,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(appId);
            if (!AppIds.IsValid(id))
            {
                throw new CliUsageException($"app id '{id}' is not valid: {AppIds.Rule}.");
            }

            var methodList = CliValues.SplitList(result.GetValue(methods));
            if (methodList.Count == 0 || methodList.Any(m => !AuthMethods.All.Contains(m)))
            {
                throw new CliUsageException($"--methods takes a comma-separated list of: {string.Join(", ", AuthMethods.All)}.");
            }

            var displayName = result.Required(name);
            var selfServicePlans = SelfServicePlansOption.Read(result, selfService) ?? [Plans.Free];
            var (secret, hash) = AppSecrets.Create();
            var apps = await services.AppsAsync(cancellationToken);
            var added = await apps.InsertAsync(
                new AppRegistration
                {
                    AppId = id,
                    Name = displayName,
                    SecretHash = hash,
                    Domains = CliValues.SplitList(result.GetValue(domains)),
                    AllowedAuthMethods = methodList,
                    SelfServicePlans = selfServicePlans,
                    CreatedAt = services.Time.GetUtcNow(),
                },
                cancellationToken);
            if (!added)
            {
                throw new CliUsageException($"app '{id}' already exists.");
            }

            var output = result.InvocationConfiguration.Output;
            await output.WriteLineAsync($"Added app '{id}' ({string.Join(",", methodList)}). Its secret, shown only this once:");
            await output.WriteLineAsync(secret);
        });
        return command;
    }

    private static Command List(CliServices services)
    {
        var command = new Command("list", "List every app: id, state, sign-in methods, self-service plans and name, tab-separated.");
        command.SetAction(async (result, cancellationToken) =>
        {
            var apps = await services.AppsAsync(cancellationToken);
            foreach (var app in await apps.ListAsync(cancellationToken))
            {
                var state = app.IsActive ? "active" : "disabled";
                await result.InvocationConfiguration.Output.WriteLineAsync(
                    $"{app.AppId}\t{state}\t{string.Join(",", app.AllowedAuthMethods)}\t{string.Join(",", app.SelfServicePlans)}\t{app.Name}");
            }
        });
        return command;
    }

    private static Command Set(CliServices services)
    {
        var appId = new Argument<string>("app-id") { Description = "The app to change." };
        var selfService = SelfServicePlansOption.Create(required: true, "");
        var command = new Command("set", "Change an existing app's settings.") { appId, selfService };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(appId);
            var plans = SelfServicePlansOption.Read(result, selfService)!;
            var apps = await services.AppsAsync(cancellationToken);
            if (!await apps.SetSelfServicePlansAsync(id, plans, cancellationToken))
            {
                throw new CliUsageException($"app '{id}' is not registered.");
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"App '{id}': self-service plans {string.Join(",", plans)}.");
        });
        return command;
    }

    private static Command Disable(CliServices services)
    {
        var appId = new Argument<string>("app-id") { Description = "The app to disable." };
        var command = new Command("disable", "Disable an app: no one can register, sign in or refresh tokens in it any more.") { appId };
        command.SetAction(async (result, cancellationToken) =>
        {
            var id = result.GetRequiredValue(appId);
            var apps = await services.AppsAsync(cancellationToken);
            if (!await apps.SetActiveAsync(id, false, cancellationToken))
            {
                throw new CliUsageException($"app '{id}' is not registered.");
            }

            await result.InvocationConfiguration.Output.WriteLineAsync($"Disabled app '{id}'.");
        });
        return command;
    }
}
