using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Paths refused rather than guess how the backend will read them. Kestrel has already decoded the path (all
/// but <c>%2F</c>) and resolved <c>.</c>/<c>..</c> segments; routing matched this very string, and it is what gets
/// forwarded (re-encoded, but a <c>%</c> followed by two hex digits is sent as it is).
/// <para>On every route: a <c>%</c> left after decoding other than an encoded slash means the client encoded
/// twice (<c>%252e</c>); the backend would decode it once more and see another path than the one routed
/// (<c>%2e%2e</c> becomes <c>..</c>).</para>
/// <para>On protected routes, also: any <c>%</c> (encoded <c>/</c>), <c>\</c>, <c>;</c> parameters, control
/// characters, empty segments (<c>//</c>) and segments ending in <c>.</c> or a space (dot segments, and the
/// trailing dots some servers drop). One trailing <c>/</c> is fine.</para>
/// </summary>
internal static class PathRules
{
    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        "%\\;\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    /// <returns>Why the path is refused on any route, or null when the backend will read it as it was routed.</returns>
    public static string? FindAmbiguousEncoding(PathString path)
    {
        var value = path.Value.AsSpan();
        for (var at = value.IndexOf('%'); at >= 0; at = value.IndexOf('%'))
        {
            if (value.Length < at + 3 || value[at + 1] != '2' || (value[at + 2] | 0x20) != 'f')
            {
                return DoubleEncoding;
            }

            value = value[(at + 3)..];
        }

        return null;
    }

    private const string DoubleEncoding = "The path is percent-encoded twice.";

    /// <returns>Why a protected route refuses the path, or null when it is acceptable.</returns>
    public static string? FindProblem(PathString path)
    {
        var value = path.Value.AsSpan();
        var at = value.IndexOfAny(Suspicious);
        if (at >= 0)
        {
            return value[at] switch
            {
                '%' => "The path contains a character that is still percent-encoded (such as %2F).",
                '\\' => "The path contains a backslash.",
                ';' => "The path contains a ';' parameter.",
                _ => "The path contains a control character.",
            };
        }

        // Every segment after a '/'; the last one may be empty (a trailing slash).
        var rest = value;
        while (!rest.IsEmpty)
        {
            rest = rest[1..];
            var end = rest.IndexOf('/');
            var segment = end < 0 ? rest : rest[..end];
            if (segment.IsEmpty && end >= 0)
            {
                return "The path contains an empty segment ('//').";
            }

            if (!segment.IsEmpty && segment[^1] is '.' or ' ')
            {
                return "The path contains a segment ending in '.' or a space (such as '..').";
            }

            rest = end < 0 ? default : rest[end..];
        }

        return null;
    }
}
