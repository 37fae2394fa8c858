using Trachea.AuthEndpoints.Access;

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

    /// <summary>The plans a member may choose with <c>PATCH /users/me/plan</c>; every other plan is granted.</summary>
    public IReadOnlyList<string> SelfServicePlans { get; init; } = [Plans.Free];
    public required DateTimeOffset CreatedAt { get; init; }
}
