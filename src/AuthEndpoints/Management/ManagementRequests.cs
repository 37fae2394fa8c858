using Trachea.AuthEndpoints.Users;

namespace Trachea.AuthEndpoints.Management;

/// <summary>PATCH /apps/{app_id}/users/{user_id}: an absent or null field is left as it is.</summary>
internal sealed record ChangeMemberRequest(string? Role = null, string? Plan = null, bool? Blocked = null);

/// <summary>GET /apps/{app_id}/users: one page, and the cursor of the next one (null on the last page).</summary>
internal sealed record UserPage(IReadOnlyList<UserProfile> Users, string? NextCursor);
