using System.Net;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// Start-up checks of the Firebase settings, one line per problem: the project (or the credentials file) and,
/// when Firebase is on, a key URL over https (plain http only to loopback, where tests serve keys).
/// </summary>
internal sealed class FirebaseOptionsValidation : IValidateOptions<TracheaOptions>
{
    public ValidateOptionsResult Validate(string? name, TracheaOptions options)
    {
        var project = FirebaseProjectResolver.Resolve(options);
        var problems = new List<string>(project.Problems);
        if (project.IsEnabled && !IsTrustworthy(options.FirebaseKeysUrl))
        {
            problems.Add($"TRACHEA_FIREBASE_KEYS_URL: '{options.FirebaseKeysUrl}' must be an absolute https URL.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static bool IsTrustworthy(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
