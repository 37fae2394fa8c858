namespace Trachea.AuthEndpoints.Storage;

/// <summary>
/// Users, across apps. Implementations enforce uniqueness of username, email and firebase_uid in the
/// database itself and report a collision by throwing a <c>TracheaException</c> with USERNAME_TAKEN or
/// EMAIL_TAKEN; an unreachable database is STORE_UNAVAILABLE.
/// </summary>
internal interface IUserStore
{
    Task<User?> FindByIdAsync(string id, CancellationToken cancellationToken);

    Task<User?> FindByUsernameAsync(string username, CancellationToken cancellationToken);

    Task<User?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<User?> FindByFirebaseUidAsync(string firebaseUid, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> members of one app in user-id order, after <paramref name="afterId"/> when given;
    /// <paramref name="prefix"/>, when given, matches the start of the username, email or name, ignoring case.
    /// </summary>
    Task<IReadOnlyList<User>> ListMembersAsync(string appId, string? prefix, string? afterId, int limit, CancellationToken cancellationToken);

    Task InsertAsync(User user, CancellationToken cancellationToken);

    /// <returns>The updated user, or null when no user has this id.</returns>
    Task<User?> UpdateProfileAsync(string id, ProfileChanges changes, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds the membership unless the user already belongs to that app.</summary>
    /// <returns>The user after the change, or null when no user has this id.</returns>
    Task<User?> AddMembershipAsync(string id, AppMembership membership, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Changes role and/or plan (null leaves it) of an existing membership.</summary>
    /// <returns>The user after the change, or null when the user or the membership does not exist.</returns>
    Task<User?> UpdateMembershipAsync(string id, string appId, string? role, string? plan, DateTimeOffset now, CancellationToken cancellationToken);

    /// <returns>False when no user has this id.</returns>
    Task<bool> SetPasswordHashAsync(string id, string passwordHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Blocks the user in one app (<paramref name="blockedAt"/> set) or lets them in again (null).</summary>
    /// <returns>The user after the change, or null when the user or the membership does not exist.</returns>
    Task<User?> SetBlockedAsync(string id, string appId, DateTimeOffset? blockedAt, DateTimeOffset now, CancellationToken cancellationToken);

    /// <returns>False when no user has this id.</returns>
    Task<bool> DeactivateAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);
}
