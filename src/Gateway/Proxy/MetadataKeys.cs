namespace Trachea.Gateway.Proxy;

/// <summary>The known key nearest to a misspelled one, for the message that refuses it.</summary>
internal static class MetadataKeys
{
    /// <returns>The candidate with the fewest single-character edits from <paramref name="key"/>, in any letter case; the first of a tie.</returns>
    public static string Nearest(string key, IReadOnlyList<string> candidates) =>
        candidates.MinBy(candidate => Distance(key.ToLowerInvariant(), candidate.ToLowerInvariant()))!;

    // Levenshtein distance, one row at a time; keys are short and this runs only when a configuration is refused.
    private static int Distance(string from, string to)
    {
        var previous = Enumerable.Range(0, to.Length + 1).ToArray();
        for (var i = 1; i <= from.Length; i++)
        {
            var current = new int[to.Length + 1];
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var substitution = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[to.Length];
    }
}
