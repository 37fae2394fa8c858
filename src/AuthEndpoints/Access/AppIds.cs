using System.Text.RegularExpressions;

namespace Trachea.AuthEndpoints.Access;

/// <summary>The shape of an app id, shared by settings, the command line and route metadata.</summary>
internal static partial class AppIds
{
    public const string Rule = "1-64 characters of a-z, 0-9, '.', '_' or '-'";

    public static bool IsValid(string? appId) => appId is not null && Pattern().IsMatch(appId);

    [GeneratedRegex("^[a-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
