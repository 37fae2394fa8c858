using System.Collections.Concurrent;
using Trachea.AuthEndpoints.Access;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The claims of a token that take few values across all tokens (app, role, plan, provider) with the ranks the
/// route rules compare. Tokens that share all four share one instance, so a cache of many identities holds a
/// reference per token rather than four strings and two ranks. Bounded: past <see cref="Limit"/> distinct
/// combinations, new ones are simply not shared.
/// </summary>
internal sealed class TokenMembership
{
    private const int Limit = 4096;

    private static readonly ConcurrentDictionary<(string AppId, string? Role, string? Plan, string? Provider), TokenMembership> Shared = new();

    private TokenMembership(string appId, string? role, string? plan, string? provider)
    {
        AppId = appId;
        Role = role;
        Plan = plan;
        Provider = provider;
        RoleRank = Roles.Rank(role);
        PlanRank = Plans.Rank(plan);
    }

    public string AppId { get; }

    public string? Role { get; }

    public string? Plan { get; }

    public string? Provider { get; }

    public int RoleRank { get; }

    public int PlanRank { get; }

    public static TokenMembership Of(string appId, string? role, string? plan, string? provider)
    {
        var key = (appId, role, plan, provider);
        if (Shared.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var membership = new TokenMembership(appId, role, plan, provider);
        return Shared.Count < Limit ? Shared.GetOrAdd(key, membership) : membership;
    }
}
