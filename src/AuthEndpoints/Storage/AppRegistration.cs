namespace Trachea.AuthEndpoints.Storage;

/// <summary>A registered app (the <c>apps</c> collection). Only the secret's hash is kept.</summary>
internal sealed record AppRegistration
{
    public required string AppId { get; init; }
    public required string Name { get; init; }
    public required string SecretHash { get; init; }
    public IReadOnlyList<string> Domains { get; init; } = [];
    public required IReadOnlyList<string> AllowedAuthMethods { get; init; }
    public bool IsActive { get; init; } = true;
    public required DateTimeOffset CreatedAt { get; init; }
}
