using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Trachea.Gateway.Proxy;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// The request a front proxy asks about (docs/forward-auth.md): its target from <c>X-Original-URL</c> (absolute or a
/// path) or <c>X-Forwarded-Uri</c> with <c>X-Forwarded-Host</c> and <c>X-Forwarded-Proto</c>, and its method from
/// <c>X-Original-Method</c> or <c>X-Forwarded-Method</c>. Headers that are repeated, conflict with each other or do
/// not read as a request target are refused, never guessed at. <see cref="Path"/> is what Kestrel would have made
/// of the target had it come to the gateway itself (<see cref="TargetPath"/>).
/// </summary>
/// <param name="PathAndQuery">The target without the authority, as forwarded.</param>
internal sealed record ForwardedTarget(string Method, string? Scheme, string? Host, string PathAndQuery, PathString Path)
{
    public const string OriginalUrl = "X-Original-URL";
    public const string ForwardedUri = "X-Forwarded-Uri";
    public const string ForwardedHost = "X-Forwarded-Host";
    public const string ForwardedProto = "X-Forwarded-Proto";
    public const string OriginalMethod = "X-Original-Method";
    public const string ForwardedMethod = "X-Forwarded-Method";

    private const string Conflict = "The forwarded target headers disagree.";

    private static readonly SearchValues<char> NotInAuthority = SearchValues.Create("@/\\?#%, ");

    /// <summary>The original URL, absolute when the proxy told the host.</summary>
    public string Url => Host is null ? PathAndQuery : $"{Scheme ?? "http"}://{Host}{PathAndQuery}";

    /// <returns>The target, or null with why the headers cannot be believed.</returns>
    public static ForwardedTarget? Read(IHeaderDictionary headers, string ownMethod, out string? problem)
    {
        ForwardedTarget? none = null;
        if (!TrySingle(headers, OriginalUrl, out var originalUrl) || !TrySingle(headers, ForwardedUri, out var forwardedUri)
            || !TrySingle(headers, ForwardedHost, out var forwardedHost) || !TrySingle(headers, ForwardedProto, out var forwardedProto)
            || !TrySingle(headers, OriginalMethod, out var originalMethod) || !TrySingle(headers, ForwardedMethod, out var forwardedMethod))
        {
            problem = "A forwarded header is repeated.";
            return none;
        }

        if (originalUrl is null && forwardedUri is null)
        {
            problem = $"Neither {OriginalUrl} nor {ForwardedUri} names the request to decide.";
            return none;
        }

        if (forwardedProto is not null && !IsScheme(forwardedProto))
        {
            problem = $"{ForwardedProto} is neither http nor https.";
            return none;
        }

        if (forwardedHost is not null && !IsAuthority(forwardedHost))
        {
            problem = $"{ForwardedHost} is not a host.";
            return none;
        }

        if (originalMethod is not null && forwardedMethod is not null && !string.Equals(originalMethod, forwardedMethod, StringComparison.OrdinalIgnoreCase))
        {
            problem = Conflict;
            return none;
        }

        var method = originalMethod ?? forwardedMethod ?? ownMethod;
        if (!IsToken(method))
        {
            problem = "The forwarded method is not an HTTP method.";
            return none;
        }

        string? scheme = forwardedProto, host = forwardedHost, pathAndQuery = forwardedUri;
        if (originalUrl is not null)
        {
            if (!TrySplit(originalUrl, out var urlScheme, out var urlHost, out var urlTarget))
            {
                problem = $"{OriginalUrl} is not an absolute http(s) URL or a path.";
                return none;
            }

            if ((forwardedUri is not null && forwardedUri != urlTarget)
                || (urlHost is not null && host is not null && !string.Equals(urlHost, host, StringComparison.OrdinalIgnoreCase))
                || (urlScheme is not null && scheme is not null && !string.Equals(urlScheme, scheme, StringComparison.OrdinalIgnoreCase)))
            {
                problem = Conflict;
                return none;
            }

            (scheme, host, pathAndQuery) = (urlScheme ?? scheme, urlHost ?? host, urlTarget);
        }

        if (!IsOriginForm(pathAndQuery!))
        {
            problem = $"The forwarded target is not a path ({ForwardedUri} must start with a single '/').";
            return none;
        }

        var query = pathAndQuery!.IndexOf('?', StringComparison.Ordinal);
        var rawPath = query < 0 ? pathAndQuery : pathAndQuery[..query];
        if (PathRules.FindEncodedPercent(rawPath) is { } encodedPercent)
        {
            problem = encodedPercent;
            return none;
        }

        var path = TargetPath.Decode(rawPath);
        if (TargetPath.HasDotSegment(path))
        {
            problem = "The forwarded path has a '.' or '..' segment.";
            return none;
        }

        problem = null;
        return new ForwardedTarget(method.ToUpperInvariant(), scheme?.ToLowerInvariant(), host, pathAndQuery, path);
    }

    private static bool TrySingle(IHeaderDictionary headers, string name, out string? value)
    {
        var values = headers[name];
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1 && !(values.Count == 1 && StringValues.IsNullOrEmpty(values));
    }

    // "https://host[:port]/path?query" → its parts, the target kept as sent; a path alone has no scheme or host.
    private static bool TrySplit(string url, out string? scheme, out string? host, out string target)
    {
        (scheme, host, target) = (null, null, url);
        if (url.StartsWith('/'))
        {
            return true;
        }

        var colon = url.IndexOf("://", StringComparison.Ordinal);
        if (colon < 0 || !IsScheme(url[..colon]))
        {
            return false;
        }

        var rest = url[(colon + 3)..];
        var end = rest.AsSpan().IndexOfAny('/', '?');
        var authority = end < 0 ? rest : rest[..end];
        if (!IsAuthority(authority))
        {
            return false;
        }

        (scheme, host) = (url[..colon], authority);
        target = end < 0 ? "/" : rest[end] == '?' ? "/" + rest[end..] : rest[end..];
        return true;
    }

    private static bool IsScheme(string value) =>
        string.Equals(value, "http", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "https", StringComparison.OrdinalIgnoreCase);

    // A host[:port] with no user information, path or anything a URL parser could read two ways.
    private static bool IsAuthority(string value) =>
        value.Length > 0 && !value.AsSpan().ContainsAny(NotInAuthority) && !HasControl(value);

    // One leading '/' ("//host/..." would be read as an authority), no fragment (a '#' or what a client sent
    // encoded as %23 never reaches the server as part of the path), no spaces or control characters.
    private static bool IsOriginForm(string target) =>
        target.Length > 0 && target[0] == '/' && !(target.Length > 1 && target[1] is '/' or '\\')
        && !target.Contains('#', StringComparison.Ordinal) && !target.Contains(' ', StringComparison.Ordinal) && !HasControl(target);

    private static bool IsToken(string method)
    {
        foreach (var c in method)
        {
            if (!char.IsAsciiLetter(c) && c != '-')
            {
                return false;
            }
        }

        return method.Length is > 0 and <= 16;
    }

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
