using System.CommandLine;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.Gateway.Cli;

/// <summary><c>users set-role|set-plan</c>: change a user's role or plan in one app.</summary>
internal static class UsersCommand
{
    public static Command Create(CliServices services) => new("users", "Change a user's role or plan in one app.")
    {
        SetCommand(services, "set-role", "role", Roles.Ordered, Roles.Rank),
        SetCommand(services, "set-plan", "plan", Plans.Ordered, Plans.Rank),
    };

    private static Command SetCommand(CliServices services, string name, string what, IReadOnlyList<string> allowed, Func<string, int> rank)
    {
        var user = new Argument<string>("user") { Description = "The user's username, email or id." };
        var app = new Option<string>("--app") { Description = "The app whose membership changes.", Required = true };
        var value = new Option<string>($"--{what}") { Description = $"The new {what}: {string.Join(", ", allowed)}.", Required = true };
        var command = new Command(name, $"Set a user's {what} in one app (the user must have signed in to it).") { user, app, value };
        command.SetAction(async (result, cancellationToken) =>
        {
            var chosen = result.Required(value);
            if (rank(chosen) < 0)
            {
                throw new CliUsageException($"--{what} must be one of: {string.Join(", ", allowed)}.");
            }

            var change = what == "role" ? new Change(chosen, null) : new Change(null, chosen);
            var line = await ChangeAsync(services, result.GetRequiredValue(user), result.Required(app), change, cancellationToken);
            await result.InvocationConfiguration.Output.WriteLineAsync(line);
        });
        return command;
    }

    private static async Task<string> ChangeAsync(CliServices services, string reference, string appId, Change change, CancellationToken cancellationToken)
    {
        var users = await services.UsersAsync(cancellationToken);
        var found = await FindAsync(users, reference, cancellationToken);
        if (await (await services.AppsAsync(cancellationToken)).FindAsync(appId, cancellationToken) is null)
        {
            throw new CliUsageException($"app '{appId}' is not registered.");
        }

        if (change.Plan is not null && Plans.IsPaid(change.Plan) && found.Email is null)
        {
            throw new CliUsageException($"user {found.Id} has no email; a paid plan needs one.");
        }

        // A lowering change also ends the tokens already issued; running gateways learn it from the revocation feed.
        var updated = await (await services.MembershipChangesAsync(cancellationToken)).ChangeAsync(found, appId, change.Role, change.Plan, cancellationToken)
            ?? throw new CliUsageException($"user {found.Id} has never signed in to app '{appId}'.");
        var membership = updated.MembershipOf(appId)!;
        return $"User {updated.Id} in app '{appId}': role {membership.Role}, plan {membership.Plan}.";
    }

    private static async Task<User> FindAsync(IUserStore users, string reference, CancellationToken cancellationToken)
    {
        var user = reference.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(FieldRules.NormalizeEmail(reference), cancellationToken)
            : await users.FindByIdAsync(reference, cancellationToken)
                ?? await users.FindByUsernameAsync(FieldRules.NormalizeUsername(reference), cancellationToken);
        return user ?? throw new CliUsageException($"no user with username, email or id '{reference}'.");
    }

    private sealed record Change(string? Role, string? Plan);
}
