using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>The OAuth-shaped answer of register, login and refresh.</summary>
internal sealed record TokenResponse(string AccessToken, string RefreshToken, string TokenType, int ExpiresIn, UserProfile User);
