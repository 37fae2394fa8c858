using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// Paths refused rather than guess how the backend will read them. Kestrel has already decoded the path (all
/// but <c>%2F</c>, which it leaves as it is) and resolved <c>.</c>/<c>..</c> segments; routing matched this very
/// string, and it is what gets forwarded (<see cref="PathFidelityTransform"/> sends a <c>%2F</c> as it came).
/// <para>On every route: a <c>%</c> left after decoding other than an encoded slash means the client encoded
/// twice (<c>%252e</c>); the backend would decode it once more and see another path than the one routed
/// (<c>%2e%2e</c> becomes <c>..</c>); a client's <c>%252F</c> is caught from the raw target
/// (<see cref="FindEncodedPercent"/>). A <c>.</c> or <c>..</c> segment next to an encoded slash or a backslash
/// (<c>..%2F</c>, <c>%5C..%5C</c>) would resolve to another path once the backend decodes or splits there.</para>
/// <para>On protected routes, also: any <c>%</c> (encoded <c>/</c>), <c>\</c>, <c>;</c> parameters, control
/// characters, empty segments (<c>//</c>) and segments ending in <c>.</c> or a space (dot segments, and the
/// trailing dots some servers drop). One trailing <c>/</c> is fine.</para>
/// </summary>
internal static class PathRules
{
    private const string DoubleEncoding = "The path is percent-encoded twice.";
    private const string DotSegment = "The path has a '.' or '..' segment next to an encoded '/' or a '\\'.";

    private static readonly SearchValues<char> Suspicious = SearchValues.Create(
        "%\\;\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    /// <returns>Why the path is refused on any route, or null when the backend will read it as it was routed.</returns>
    public static string? FindAmbiguousEncoding(PathString path)
    {
        var value = path.Value.AsSpan();
        if (value.IndexOfAny('%', '\\') < 0)
        {
            return null;
        }

        for (var rest = value; rest.IndexOf('%') is var at and >= 0; rest = rest[(at + 3)..])
        {
            if (!IsEncodedSlash(rest[at..]))
            {
                return DoubleEncoding;
            }
        }

        return HasDotSegmentBesideEncodedSeparator(value) ? DotSegment : null;
    }

    /// <returns>
    /// Why the path is refused when the path part of the client's raw request target holds an encoded <c>%</c>
    /// (<c>%252F</c>, which Kestrel decodes into the same <c>%2F</c> as a client's own encoded slash); otherwise null.
    /// </returns>
    public static string? FindEncodedPercent(string? rawTarget)
    {
        var target = rawTarget.AsSpan();
        var query = target.IndexOf('?');
        return (query < 0 ? target : target[..query]).Contains("%25", StringComparison.Ordinal) ? DoubleEncoding : null;
    }

    private static bool IsEncodedSlash(ReadOnlySpan<char> value) => value.Length >= 3 && value[0] == '%' && value[1] == '2' && (value[2] | 0x20) == 'f';

    // Kestrel has removed the dot segments between plain slashes, so one left here borders a '\' or a %2F.
    private static bool HasDotSegmentBesideEncodedSeparator(ReadOnlySpan<char> value)
    {
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var separator = i == value.Length ? 1 : value[i] is '/' or '\\' ? 1 : value[i] == '%' ? 3 : 0;
            if (separator == 0)
            {
                continue;
            }

            if (value[start..i] is "." or "..")
            {
                return true;
            }

            i += separator - 1;
            start = i + 1;
        }

        return false;
    }

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
