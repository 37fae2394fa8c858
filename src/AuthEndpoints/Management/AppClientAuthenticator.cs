using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Auth;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Management;

/// <summary>
/// Who may call the management API of the app in the path: its server, with the app's credentials
/// (<c>Authorization: Basic base64(app_id:app_secret)</c>, client_secret_basic of RFC 6749 §2.3.1), or one of its
/// admins, with a bearer access token of that app whose role is <c>admin</c> (validated, revocation included, by
/// the gateway's JwtBearer scheme).
/// </summary>
internal sealed class AppClientAuthenticator(IAppStore apps)
{
    public const string Challenge = "Basic realm=\"trachea\"";
    private const string BearerScheme = "Bearer ";

    public async Task<ManagementCaller> RequireAsync(HttpContext context, string appId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var header = context.Request.Headers[HeaderNames.Authorization].ToString();
        var caller = header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase)
            ? await RequireAdminAsync(context, appId, cancellationToken)
            : new ManagementCaller(await RequireAppAsync(header, appId, cancellationToken), $"app:{appId}");
        return caller.App.IsActive ? caller : throw new TracheaException(ErrorCodes.AppInactive, $"App '{appId}' is disabled.");
    }

    private async Task<ManagementCaller> RequireAdminAsync(HttpContext context, string appId, CancellationToken cancellationToken)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Failure is SecurityTokenRevokedException)
        {
            throw new TracheaException(ErrorCodes.TokenRevoked, TracheaBearerEvents.RevokedDescription);
        }

        var principal = result.Succeeded ? result.Principal : throw Invalid("The bearer token is not valid.");
        if (principal.FindFirstValue(TokenClaims.AppId) != appId)
        {
            throw Invalid("The bearer token was issued for another app.");
        }

        if (principal.FindFirstValue(TokenClaims.Role) != Roles.Admin)
        {
            throw new TracheaException(ErrorCodes.InsufficientRole, "The management API needs the app's credentials or an admin of the app.");
        }

        var app = await apps.FindAsync(appId, cancellationToken) ?? throw Invalid("The app is not registered.");
        return new ManagementCaller(app, principal.FindFirstValue(TokenClaims.Subject)!);
    }

    private async Task<AppRegistration> RequireAppAsync(string header, string appId, CancellationToken cancellationToken)
    {
        var (clientId, secret) = ReadBasic(header)
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

        return app;
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
