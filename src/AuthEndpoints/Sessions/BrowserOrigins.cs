using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// Where browsers reach the gateway: <c>TRACHEA_PUBLIC_ORIGIN</c>, or in Development the first address the server
/// listens on. Browser sessions, sign-in redirects and the CSRF rule exist only while it is known.
/// </summary>
internal sealed class BrowserOrigins(IOptions<TracheaOptions> options, IHostEnvironment environment, IServer server)
{
    private readonly IReadOnlyList<string> _trusted = BrowserSettings.TrustedOrigins(options.Value);
    private string? _public = options.Value.PublicOrigin is { } configured ? BrowserSettings.Origin(configured) : null;

    /// <summary>The public origin (<c>scheme://host[:port]</c>, lower case), or null while sessions are off.</summary>
    public string? Public => _public ??= environment.IsDevelopment() ? FirstListeningAddress() : null;

    public bool SessionsOn => Public is not null;

    /// <summary>True for the public origin and the CSRF-trusted ones, compared as browsers send them.</summary>
    public bool IsTrusted(string origin) =>
        Public is { } own && (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || _trusted.Contains(origin, StringComparer.OrdinalIgnoreCase));

    // Kestrel reports its addresses once it listens; before that no request can arrive anyway.
    private string? FirstListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address is not null && Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal)
                .Replace("://*", "://localhost", StringComparison.Ordinal)
                .Replace("://[::]", "://localhost", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? BrowserSettings.Origin(uri.ToString())
            : null;
    }
}
