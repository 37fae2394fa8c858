using MongoDB.Driver;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// The indexes of docs/store-schema.md, named as the server names them by default so a trachea-login database's existing
/// indexes are recognised as the same ones. Creating an identical index again is a no-op.
/// </summary>
internal static class MongoIndexes
{
    public const string FirebaseUid = UserDocument.FirebaseUidField + "_1";
    public const string Email = UserDocument.EmailField + "_1";
    public const string Username = UserDocument.UsernameField + "_1";
    public const string UserApps = UserDocument.AppsField + "." + AppMembershipDocument.AppIdField + "_1";
    public const string AppId = AppDocument.AppIdField + "_1";
    public const string TokenHash = RefreshTokenDocument.TokenHashField + "_1";
    public const string ExpiresAt = RefreshTokenDocument.ExpiresAtField + "_1";
    public const string Seq = RevocationDocument.SeqField + "_1";
    public const string RevocationCreatedAt = RevocationDocument.CreatedAtField + "_1";
    public const string Kid = SigningKeyDocument.KidField + "_1";
    public const string SessionIdHash = SessionDocument.IdHashField + "_1";
    public const string SessionUser = SessionDocument.UserIdField + "_1";
    public const string SessionExpiresAt = SessionDocument.ExpiresAtField + "_1";

    /// <summary>How long past its creation the server keeps a revocation: the access-token lifetime plus five minutes.</summary>
    public static TimeSpan RevocationRetention(TimeSpan accessTokenLifetime) => accessTokenLifetime + TimeSpan.FromMinutes(5);

    public static IReadOnlyList<CreateIndexModel<UserDocument>> Users { get; } =
    [
        UniqueSparse(UserDocument.FirebaseUidField, FirebaseUid),
        UniqueSparse(UserDocument.EmailField, Email),
        UniqueSparse(UserDocument.UsernameField, Username),
        new(Builders<UserDocument>.IndexKeys.Ascending(UserDocument.AppsField + "." + AppMembershipDocument.AppIdField),
            new CreateIndexOptions { Name = UserApps }),
    ];

    public static IReadOnlyList<CreateIndexModel<AppDocument>> Apps { get; } =
    [
        new(Builders<AppDocument>.IndexKeys.Ascending(AppDocument.AppIdField), new CreateIndexOptions { Name = AppId, Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<RefreshTokenDocument>> RefreshTokens { get; } =
    [
        new(Builders<RefreshTokenDocument>.IndexKeys.Ascending(RefreshTokenDocument.TokenHashField),
            new CreateIndexOptions { Name = TokenHash, Unique = true }),
        // expireAfterSeconds 0: the server deletes a token as soon as the time in expires_at has passed.
        new(Builders<RefreshTokenDocument>.IndexKeys.Ascending(RefreshTokenDocument.ExpiresAtField),
            new CreateIndexOptions { Name = ExpiresAt, ExpireAfter = TimeSpan.Zero }),
    ];

    public static IReadOnlyList<CreateIndexModel<RevocationDocument>> Revocations(TimeSpan accessTokenLifetime) =>
    [
        new(Builders<RevocationDocument>.IndexKeys.Ascending(RevocationDocument.SeqField), new CreateIndexOptions { Name = Seq, Unique = true }),
        new(Builders<RevocationDocument>.IndexKeys.Ascending(RevocationDocument.CreatedAtField),
            new CreateIndexOptions { Name = RevocationCreatedAt, ExpireAfter = RevocationRetention(accessTokenLifetime) }),
    ];

    public static IReadOnlyList<CreateIndexModel<SigningKeyDocument>> SigningKeys { get; } =
    [
        new(Builders<SigningKeyDocument>.IndexKeys.Ascending(SigningKeyDocument.KidField), new CreateIndexOptions { Name = Kid, Unique = true }),
    ];

    public static IReadOnlyList<CreateIndexModel<SessionDocument>> Sessions { get; } =
    [
        new(Builders<SessionDocument>.IndexKeys.Ascending(SessionDocument.IdHashField), new CreateIndexOptions { Name = SessionIdHash, Unique = true }),
        // Sign-out everywhere and deactivation end every session of a user.
        new(Builders<SessionDocument>.IndexKeys.Ascending(SessionDocument.UserIdField), new CreateIndexOptions { Name = SessionUser }),
        new(Builders<SessionDocument>.IndexKeys.Ascending(SessionDocument.ExpiresAtField),
            new CreateIndexOptions { Name = SessionExpiresAt, ExpireAfter = TimeSpan.Zero }),
    ];

    private static CreateIndexModel<UserDocument> UniqueSparse(string field, string name) =>
        new(Builders<UserDocument>.IndexKeys.Ascending(field), new CreateIndexOptions { Name = name, Unique = true, Sparse = true });
}
