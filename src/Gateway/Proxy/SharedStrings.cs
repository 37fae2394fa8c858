using System.Collections.Concurrent;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// One instance per distinct value of the claims that take few values across all tokens (app, role, plan,
/// provider), so that a cache of many identities does not hold a copy of each per token. Bounded: past
/// <see cref="Limit"/> distinct values, new ones are simply not shared.
/// </summary>
internal static class SharedStrings
{
    private const int Limit = 4096;

    private static readonly ConcurrentDictionary<string, string> Values = new(StringComparer.Ordinal);

    public static string? Get(string? value)
    {
        if (value is null)
        {
            return null;
        }

        if (Values.TryGetValue(value, out var shared))
        {
            return shared;
        }

        return Values.Count < Limit ? Values.GetOrAdd(value, value) : value;
    }
}
