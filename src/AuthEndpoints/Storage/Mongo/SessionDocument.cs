using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>A <c>sessions</c> document; the TTL index on <c>expires_at</c> removes it once past its idle or absolute limit.</summary>
[BsonIgnoreExtraElements]
internal sealed class SessionDocument
{
    public const string IdHashField = "id_hash";
    public const string UserIdField = "user_id";
    public const string AppIdField = "app_id";
    public const string LastSeenAtField = "last_seen_at";
    public const string ExpiresAtField = "expires_at";

    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement(IdHashField)]
    public required string IdHash { get; set; }

    [BsonElement(UserIdField)]
    public required string UserId { get; set; }

    [BsonElement(AppIdField)]
    public required string AppId { get; set; }

    [BsonElement("sid")]
    public required string Sid { get; set; }

    [BsonElement("created_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    [BsonElement(LastSeenAtField), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime LastSeenAt { get; set; }

    [BsonElement(ExpiresAtField), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime ExpiresAt { get; set; }

    public static SessionDocument From(BrowserSession session) => new()
    {
        Id = ObjectId.GenerateNewId(),
        IdHash = session.IdHash,
        UserId = session.UserId,
        AppId = session.AppId,
        Sid = session.Sid,
        CreatedAt = MongoDates.ToBson(session.CreatedAt),
        LastSeenAt = MongoDates.ToBson(session.LastSeenAt),
        ExpiresAt = MongoDates.ToBson(session.ExpiresAt),
    };

    public BrowserSession ToSession() => new()
    {
        IdHash = IdHash,
        UserId = UserId,
        AppId = AppId,
        Sid = Sid,
        CreatedAt = MongoDates.FromBson(CreatedAt),
        LastSeenAt = MongoDates.FromBson(LastSeenAt),
        ExpiresAt = MongoDates.FromBson(ExpiresAt),
    };
}
