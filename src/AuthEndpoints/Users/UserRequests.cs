namespace Trachea.AuthEndpoints.Users;

/// <summary>PATCH /users/me: every field optional; an absent or null field is left as it is.</summary>
internal sealed record UpdateProfileRequest(string? Name, string? Avatar, string? Phone, string? DateOfBirth, AddressBody? Address, string? Email);

/// <summary>PATCH /users/me/plan.</summary>
internal sealed record UpdatePlanRequest(string? Plan);
