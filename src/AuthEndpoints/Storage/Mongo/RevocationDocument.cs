using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>A <c>revocations</c> document; the TTL index on <c>created_at</c> removes it once no token it revokes can still be valid.</summary>
[BsonIgnoreExtraElements]
internal sealed class RevocationDocument
{
    public const string SeqField = "seq";
    public const string CreatedAtField = "created_at";

    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement(SeqField)]
    public long Seq { get; set; }

    [BsonElement("user_id")]
    public required string UserId { get; set; }

    [BsonElement("app_id")]
    public required string AppId { get; set; }

    [BsonElement("min_version"), BsonIgnoreIfNull]
    public int? MinVersion { get; set; }

    [BsonElement("sid"), BsonIgnoreIfNull]
    public string? Sid { get; set; }

    [BsonElement(CreatedAtField), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    public RevocationEntry ToRevocation() => new(Seq, UserId, AppId, MinVersion, Sid, MongoDates.FromBson(CreatedAt));
}
