using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Management;

/// <summary>
/// The app credentials of the management API: <c>Authorization: Basic base64(app_id:app_secret)</c>
/// (client_secret_basic, RFC 6749 §2.3.1), valid only for the app in the path.
/// </summary>
internal sealed class AppClientAuthenticator(IAppStore apps)
{
    public const string Challenge = "Basic realm=\"trachea\"";

    /// <returns>The app the credentials belong to, which is <paramref name="appId"/>.</returns>
    public async Task<AppRegistration> RequireAsync(HttpRequest request, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (clientId, secret) = ReadBasic(request.Headers[HeaderNames.Authorization].ToString())
            ?? throw Invalid("Send the app's credentials as HTTP Basic: app_id:app_secret.");
        // Credentials of one app never reach another app's users, whether or not they are right.
        if (!string.Equals(clientId, appId, StringComparison.Ordinal))
        {
            throw Invalid("The credentials are not those of this app.");
        }

        var app = await apps.FindAsync(appId, cancellationToken);
        if (app is null || !AppSecrets.Matches(secret, app.SecretHash))
        {
            throw Invalid("The app id or secret is wrong.");
        }

        return app.IsActive ? app : throw new TracheaException(ErrorCodes.AppInactive, $"App '{appId}' is disabled.");
    }

    private static (string ClientId, string Secret)? ReadBasic(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[scheme.Length..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }

        // App ids and secrets use only characters that form-encoding leaves as they are, so no decoding is needed.
        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        return colon <= 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
    }

    private static TracheaException Invalid(string detail) => new(ErrorCodes.InvalidClient, detail) { Challenge = Challenge };
}
