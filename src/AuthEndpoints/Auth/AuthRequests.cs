namespace Trachea.AuthEndpoints.Auth;

/// <summary>POST /auth/register.</summary>
internal sealed record RegisterRequest(string? Username, string? Password, string? Name = null, string? AppId = null);

/// <summary>POST /auth/login: either <c>firebase_token</c>, or <c>username</c> and <c>password</c>.</summary>
internal sealed record LoginRequest(string? FirebaseToken = null, string? Username = null, string? Password = null, string? AppId = null);

/// <summary>POST /auth/refresh.</summary>
internal sealed record RefreshRequest(string? RefreshToken);
