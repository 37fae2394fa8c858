namespace Trachea.AuthEndpoints.Sessions;

/// <summary>POST /auth/session: a Firebase ID token from the app's own page, and where to go next.</summary>
internal sealed record SessionRequest(string? FirebaseToken, string? Rd = null);
