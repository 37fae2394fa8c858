namespace Trachea.AuthEndpoints.Storage;

/// <summary>
/// One browser session (the <c>sessions</c> collection of docs/store-schema.md). The browser holds the opaque id;
/// only its SHA-256 (<see cref="IdHash"/>) is stored. <see cref="ExpiresAt"/> is the earlier of the idle and the
/// absolute limit, for the store's own clean-up; the gateway checks both limits itself.
/// </summary>
internal sealed record BrowserSession
{
    public required string IdHash { get; init; }
    public required string UserId { get; init; }
    public required string AppId { get; init; }

    /// <summary>The session id revocations name (docs/revocation.md), as an access token's <c>sid</c>.</summary>
    public required string Sid { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastSeenAt { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
}
