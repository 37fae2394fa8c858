using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>The typed failures of Firebase verification; details are short and never quote the token.</summary>
internal static class FirebaseErrors
{
    public static TracheaException InvalidToken(string reason) =>
        new(ErrorCodes.InvalidFirebaseToken, $"Firebase token rejected: {reason}.");

    public static TracheaException KeysUnavailable(string reason, Exception? inner = null) =>
        new(ErrorCodes.IdentityProviderUnavailable, $"Firebase signing keys unavailable: {reason}.", inner: inner);

    public static TracheaException NotConfigured() =>
        new(ErrorCodes.AuthMethodNotAllowed, "Firebase sign-in is not configured on this gateway.");

    public static TracheaException ProviderNotSupported(string provider) =>
        new(ErrorCodes.AuthMethodNotAllowed, $"Firebase sign-in provider '{provider}' is not supported.");
}
