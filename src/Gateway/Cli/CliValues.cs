using System.CommandLine;

namespace Trachea.Gateway.Cli;

/// <summary>Reads option values the way every command wants them: present and not blank.</summary>
internal static class CliValues
{
    public static string Required(this ParseResult result, Option<string> option)
    {
        var value = result.GetValue(option);
        return string.IsNullOrWhiteSpace(value) ? throw new CliUsageException($"{option.Name} is required.") : value;
    }

    public static List<string> SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
