namespace Trachea.AuthEndpoints.Access;

/// <summary>Roles in increasing order of power: guest &lt; member &lt; admin.</summary>
internal static class Roles
{
    public const string Guest = "guest";
    public const string Member = "member";
    public const string Admin = "admin";

    private static readonly string[] InOrder = [Guest, Member, Admin];

    public static IReadOnlyList<string> Ordered => InOrder;

    /// <returns>The rank of the role, or -1 for an unknown one.</returns>
    public static int Rank(string? role) => role is null ? -1 : Array.IndexOf(InOrder, role);
}
