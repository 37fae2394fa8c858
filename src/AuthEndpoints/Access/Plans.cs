namespace Trachea.AuthEndpoints.Access;

/// <summary>Plans in increasing order: free &lt; pro &lt; enterprise.</summary>
internal static class Plans
{
    public const string Free = "free";
    public const string Pro = "pro";
    public const string Enterprise = "enterprise";

    private static readonly string[] InOrder = [Free, Pro, Enterprise];

    public static IReadOnlyList<string> Ordered => InOrder;

    /// <returns>The rank of the plan, or -1 for an unknown one.</returns>
    public static int Rank(string? plan) => plan is null ? -1 : Array.IndexOf(InOrder, plan);

    public static bool IsPaid(string plan) => plan != Free;
}
