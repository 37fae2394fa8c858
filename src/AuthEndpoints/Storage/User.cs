namespace Trachea.AuthEndpoints.Storage;

/// <summary>One person across every app: the <c>users</c> document of docs/store-schema.md.</summary>
internal sealed record User
{
    public required string Id { get; init; }
    public string? FirebaseUid { get; init; }
    public string? Email { get; init; }
    /// <summary>Always the normalised (lower-case) form, so uniqueness is case-insensitive.</summary>
    public string? Username { get; init; }
    public string? PasswordHash { get; init; }
    public string? Name { get; init; }
    public string? Avatar { get; init; }
    public required string Provider { get; init; }
    public string? Phone { get; init; }
    public string? DateOfBirth { get; init; }
    public Address? Address { get; init; }
    public required IReadOnlyList<AppMembership> Apps { get; init; }
    public bool IsActive { get; init; } = true;
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    public AppMembership? MembershipOf(string appId) => Apps.FirstOrDefault(a => a.AppId == appId);
}
