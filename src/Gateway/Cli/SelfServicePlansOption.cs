using System.CommandLine;
using Trachea.AuthEndpoints.Access;

namespace Trachea.Gateway.Cli;

/// <summary><c>--self-service-plans</c>: the plans an app's members may choose themselves, shared by <c>apps add</c> and <c>apps set</c>.</summary>
internal static class SelfServicePlansOption
{
    public static Option<string> Create(bool required, string defaultNote) => new("--self-service-plans")
    {
        Description = $"Comma-separated plans members may choose with PATCH /users/me/plan, from: {string.Join(", ", Plans.Ordered)}{defaultNote}. "
            + "Every other plan is granted with users set-plan or the management API.",
        Required = required,
    };

    /// <returns>The plans in the option, in plan order; null when the option is absent.</returns>
    public static IReadOnlyList<string>? Read(ParseResult result, Option<string> option)
    {
        var value = result.GetValue(option);
        if (value is null)
        {
            return null;
        }

        var plans = CliValues.SplitList(value);
        if (plans.Count == 0 || plans.Any(p => Plans.Rank(p) < 0))
        {
            throw new CliUsageException($"{option.Name} takes a comma-separated list of: {string.Join(", ", Plans.Ordered)}.");
        }

        return [.. plans.OrderBy(Plans.Rank)];
    }
}
