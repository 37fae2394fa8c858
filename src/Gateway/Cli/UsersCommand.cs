using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;
using Trachea.AuthEndpoints.Validation;

namespace Trachea.Gateway.Cli;

/// <summary><c>users set-role|set-plan</c>: change a user's role or plan in one app.</summary>
internal sealed class UsersCommand(IUserStore users, IAppStore apps, MembershipChangeService membershipChanges, TextWriter output)
{
    public Task RunAsync(CommandLine line, CancellationToken cancellationToken) => line.Word(1, "users subcommand (set-role, set-plan)") switch
    {
        "set-role" => SetRoleAsync(line, cancellationToken),
        "set-plan" => SetPlanAsync(line, cancellationToken),
        var other => throw new CliUsageException($"unknown users subcommand '{other}' (set-role, set-plan)."),
    };

    private async Task SetRoleAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RequireOnly(3, "app", "role");
        var role = line.Option("role");
        if (Roles.Rank(role) < 0)
        {
            throw new CliUsageException($"--role must be one of: {string.Join(", ", Roles.Ordered)}.");
        }

        await ChangeAsync(line, role, null, cancellationToken);
    }

    private async Task SetPlanAsync(CommandLine line, CancellationToken cancellationToken)
    {
        line.RequireOnly(3, "app", "plan");
        var plan = line.Option("plan");
        if (Plans.Rank(plan) < 0)
        {
            throw new CliUsageException($"--plan must be one of: {string.Join(", ", Plans.Ordered)}.");
        }

        await ChangeAsync(line, null, plan, cancellationToken);
    }

    private async Task ChangeAsync(CommandLine line, string? role, string? plan, CancellationToken cancellationToken)
    {
        var user = await FindAsync(line.Word(2, "user (username, email or id)"), cancellationToken);
        var appId = line.Option("app");
        if (await apps.FindAsync(appId, cancellationToken) is null)
        {
            throw new CliUsageException($"app '{appId}' is not registered.");
        }

        if (plan is not null && Plans.IsPaid(plan) && user.Email is null)
        {
            throw new CliUsageException($"user {user.Id} has no email; a paid plan needs one.");
        }

        // A lowering change also ends the tokens already issued; running gateways learn it from the revocation feed.
        var updated = await membershipChanges.ChangeAsync(user, appId, role, plan, cancellationToken)
            ?? throw new CliUsageException($"user {user.Id} has never signed in to app '{appId}'.");
        var membership = updated.MembershipOf(appId)!;
        await output.WriteLineAsync($"User {updated.Id} in app '{appId}': role {membership.Role}, plan {membership.Plan}.");
    }

    private async Task<User> FindAsync(string reference, CancellationToken cancellationToken)
    {
        var user = reference.Contains('@', StringComparison.Ordinal)
            ? await users.FindByEmailAsync(FieldRules.NormalizeEmail(reference), cancellationToken)
            : await users.FindByIdAsync(reference, cancellationToken)
                ?? await users.FindByUsernameAsync(FieldRules.NormalizeUsername(reference), cancellationToken);
        return user ?? throw new CliUsageException($"no user with username, email or id '{reference}'.");
    }
}
