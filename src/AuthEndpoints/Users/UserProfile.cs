using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Users;

/// <summary>The profile of docs/http-api.md, as seen from one app.</summary>
internal sealed record UserProfile(
    string Id,
    string? Username,
    string? Email,
    string? Name,
    string? Avatar,
    string Provider,
    string? Phone,
    string? DateOfBirth,
    AddressBody? Address,
    string AppId,
    string Role,
    string Plan,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whether the app refuses the user; only the management API shows it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public bool? Blocked { get; init; }

    public static UserProfile From(User user, AppMembership membership) => new(
        user.Id,
        user.Username,
        user.Email,
        user.Name,
        user.Avatar,
        user.Provider,
        user.Phone,
        user.DateOfBirth,
        AddressBody.From(user.Address),
        membership.AppId,
        membership.Role,
        membership.Plan,
        TruncateToMilliseconds(user.CreatedAt));

    // The stores keep milliseconds; a fresh user must read the same as it will after a reload.
    private static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), value.Offset);
}
