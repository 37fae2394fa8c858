namespace Trachea.AuthEndpoints.Storage;

/// <summary>A profile update: a null property leaves the stored value as it is.</summary>
internal sealed record ProfileChanges
{
    public string? Name { get; init; }
    public string? Avatar { get; init; }
    public string? Phone { get; init; }
    public string? DateOfBirth { get; init; }
    public Address? Address { get; init; }
    public string? Email { get; init; }
}
