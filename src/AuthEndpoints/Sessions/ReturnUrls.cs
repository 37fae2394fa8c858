using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// Where a browser may be sent back to after signing in or out (<c>rd</c>, docs/browser-sessions.md): a path
/// starting with exactly one <c>/</c>, or an absolute http(s) URL whose host <c>TRACHEA_REDIRECT_ALLOWED_HOSTS</c>
/// names. Anything else becomes <c>/</c>. Every use validates again: a value that went through a form is untrusted.
/// </summary>
internal sealed class ReturnUrls(IOptions<TracheaOptions> options)
{
    public const string Fallback = "/";

    private const int MaxLength = 2048;

    private readonly IReadOnlyList<string> _hosts = BrowserSettings.RedirectHosts(options.Value);

    /// <summary>The allowed hosts as Content-Security-Policy sources, each with a leading space, for <c>form-action</c>.</summary>
    public string FormActionSources => string.Concat(_hosts.Select(host => host[0] == '.' ? $" *{host}" : $" {host}"));

    public string Validate(string? rd)
    {
        if (string.IsNullOrEmpty(rd) || rd.Length > MaxLength)
        {
            return Fallback;
        }

        var decoded = Uri.UnescapeDataString(rd);
        if (HasControlOrSpace(rd) || HasControlOrSpace(decoded))
        {
            return Fallback;
        }

        if (rd[0] == '/')
        {
            return IsSchemeRelative(rd) || IsSchemeRelative(decoded) ? Fallback : rd;
        }

        // A backslash is a slash to browsers; Uri would read "https://a\@b" differently from them.
        return !rd.Contains('\\', StringComparison.Ordinal)
            && Uri.TryCreate(rd, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            && string.IsNullOrEmpty(uri.UserInfo)
            && IsAllowedHost(uri.IdnHost)
            ? uri.AbsoluteUri
            : Fallback;
    }

    private bool IsAllowedHost(string host)
    {
        host = host.ToLowerInvariant();
        foreach (var allowed in _hosts)
        {
            // ".example.com" admits a.example.com, never example.com.evil.com nor evilexample.com.
            if (allowed[0] == '.' ? host.EndsWith(allowed, StringComparison.Ordinal) && host.Length > allowed.Length : host == allowed)
            {
                return true;
            }
        }

        return false;
    }

    // "//host" and "/\\host" leave the site in every browser.
    private static bool IsSchemeRelative(string path) => path.Length > 1 && path[1] is '/' or '\\';

    private static bool HasControlOrSpace(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }
}
