namespace Trachea.AuthEndpoints.Storage;

/// <summary>A stored refresh token: only the SHA-256 of the token itself is ever kept.</summary>
internal sealed record RefreshTokenRecord
{
    public required string TokenHash { get; init; }
    public required string UserId { get; init; }
    public required string AppId { get; init; }
    public required string FamilyId { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
