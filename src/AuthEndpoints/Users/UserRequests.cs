namespace Trachea.AuthEndpoints.Users;

/// <summary>PATCH /users/me: every field optional; an absent or null field is left as it is.</summary>
internal sealed record UpdateProfileRequest(
    string? Name = null, string? Avatar = null, string? Phone = null, string? DateOfBirth = null, AddressBody? Address = null, string? Email = null);

/// <summary>PATCH /users/me/plan.</summary>
internal sealed record UpdatePlanRequest(string? Plan);

/// <summary>POST /users/me/password.</summary>
internal sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
