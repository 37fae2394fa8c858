using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>A <c>refresh_tokens</c> document; the TTL index on <c>expires_at</c> removes it once expired.</summary>
[BsonIgnoreExtraElements]
internal sealed class RefreshTokenDocument
{
    public const string TokenHashField = "token_hash";
    public const string ExpiresAtField = "expires_at";

    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement(TokenHashField)]
    public required string TokenHash { get; set; }

    [BsonElement("user_id")]
    public required string UserId { get; set; }

    [BsonElement("app_id")]
    public required string AppId { get; set; }

    [BsonElement("family_id")]
    public required string FamilyId { get; set; }

    [BsonElement(ExpiresAtField), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime ExpiresAt { get; set; }

    [BsonElement("used_at"), BsonIgnoreIfNull, BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? UsedAt { get; set; }

    [BsonElement("revoked_at"), BsonIgnoreIfNull, BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? RevokedAt { get; set; }

    public static RefreshTokenDocument From(RefreshTokenRecord token) => new()
    {
        Id = ObjectId.GenerateNewId(),
        TokenHash = token.TokenHash,
        UserId = token.UserId,
        AppId = token.AppId,
        FamilyId = token.FamilyId,
        ExpiresAt = MongoDates.ToBson(token.ExpiresAt),
        UsedAt = MongoDates.ToBson(token.UsedAt),
        RevokedAt = MongoDates.ToBson(token.RevokedAt),
    };

    public RefreshTokenRecord ToRecord() => new()
    {
        TokenHash = TokenHash,
        UserId = UserId,
        AppId = AppId,
        FamilyId = FamilyId,
        ExpiresAt = MongoDates.FromBson(ExpiresAt),
        UsedAt = MongoDates.FromBson(UsedAt),
        RevokedAt = MongoDates.FromBson(RevokedAt),
    };
}
