using System.Security.Claims;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>What a session cookie proved: an identity, nothing (unknown, tampered or expired), or a revoked session.</summary>
internal sealed record SessionCheck(ClaimsPrincipal? Principal, bool Revoked)
{
    public static readonly SessionCheck Unknown = new(null, false);

    public static readonly SessionCheck RevokedSession = new(null, true);
}
