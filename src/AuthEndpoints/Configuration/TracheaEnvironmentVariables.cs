using Microsoft.Extensions.Configuration;

namespace Trachea.AuthEndpoints.Configuration;

/// <summary>
/// Maps the <c>TRACHEA_*</c> environment names (<c>TRACHEA_ACCESS_TOKEN_EXPIRE_MINUTES</c>) onto the options
/// section (<c>Trachea:AccessTokenExpireMinutes</c>), so the same settings bind from either place.
/// </summary>
internal sealed class TracheaEnvironmentVariables : ConfigurationProvider, IConfigurationSource
{
    private const string Prefix = "TRACHEA_";

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                data[$"{TracheaOptions.Section}:{ToPascalCase(name[Prefix.Length..])}"] = (string?)entry.Value;
            }
        }

        Data = data;
    }

    internal static string ToPascalCase(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant()));
}
