using System.Buffers;

namespace Trachea.Gateway.Proxy;

/// <summary>What a route's <c>AssertionAudience</c> may be: a value a backend can compare as an exact string.</summary>
internal static class AssertionAudiences
{
    public const int MaxLength = 200;
    public const string Rule = "1 to 200 printable ASCII characters, no spaces";

    private static readonly SearchValues<char> Allowed = SearchValues.Create(
        "!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public static bool IsValid(string value) => value.Length is > 0 and <= MaxLength && !value.AsSpan().ContainsAnyExcept(Allowed);
}
