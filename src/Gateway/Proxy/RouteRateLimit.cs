using System.Globalization;
using Trachea.AuthEndpoints.Access;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// A route's <c>RateLimitPerMinute</c> (docs/rate-limits.md): one number for every caller,
/// or <c>name=number</c> pairs for <c>anonymous</c> and the plans, e.g. <c>anonymous=30,free=60,pro=600</c>.
/// A plan the pairs do not name is not limited.
/// </summary>
internal sealed class RouteRateLimit
{
    public const string AnonymousName = "anonymous";
    public const int MaxPerMinute = 1_000_000;

    public static readonly string Rule =
        $"a number from 1 to {MaxPerMinute} for every caller, or name=number pairs for {AnonymousName}, {string.Join(", ", Plans.Ordered)}, e.g. anonymous=30,free=60,pro=600";

    private readonly RateLimitTier?[] _byPlanRank;

    private RouteRateLimit(int? anonymous, int?[] byPlanRank, bool namesPlans)
    {
        Anonymous = anonymous is { } count ? new RateLimitTier(AnonymousName, count) : null;
        _byPlanRank = [.. byPlanRank.Select((perMinute, rank) => perMinute is { } count ? new RateLimitTier(Plans.Ordered[rank], count) : null)];
        NamesPlans = namesPlans;
    }

    /// <summary>The limit of a caller without a token; null when they are not limited.</summary>
    public RateLimitTier? Anonymous { get; }

    /// <summary>True when the value limits plans by name (which only tokens carry).</summary>
    public bool NamesPlans { get; }

    /// <returns>The limit of the plan of this rank, or null when it is not limited.</returns>
    public RateLimitTier? ForPlan(int planRank) => planRank >= 0 ? _byPlanRank[planRank] : null;

    /// <returns>The limit, or null when the value is not valid (see <see cref="Rule"/>).</returns>
    public static RouteRateLimit? Parse(string value)
    {
        if (TryReadCount(value, out var everyone))
        {
            return new RouteRateLimit(everyone, [.. Plans.Ordered.Select(_ => (int?)everyone)], namesPlans: false);
        }

        int? anonymous = null;
        var byPlanRank = new int?[Plans.Ordered.Count];
        foreach (var pair in value.Split(','))
        {
            var parts = pair.Split('=');
            if (parts.Length != 2 || !TryReadCount(parts[1], out var count))
            {
                return null;
            }

            var name = parts[0].Trim().ToLowerInvariant();
            var rank = Plans.Rank(name);
            if (name == AnonymousName && anonymous is null)
            {
                anonymous = count;
            }
            else if (rank >= 0 && byPlanRank[rank] is null)
            {
                byPlanRank[rank] = count;
            }
            else
            {
                return null;
            }
        }

        return new RouteRateLimit(anonymous, byPlanRank, namesPlans: byPlanRank.Any(count => count is not null));
    }

    private static bool TryReadCount(string text, out int count) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out count) && count is >= 1 and <= MaxPerMinute;
}
