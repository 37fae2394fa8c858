using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// A <c>signing_keys</c> document. <c>_id</c> is the kid, except for the ring's first key, whose <c>_id</c> is
/// <see cref="InitialId"/>: two instances starting at once on an empty database cannot both insert it.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class SigningKeyDocument
{
    public const string InitialId = "initial";
    public const string KidField = "kid";
    public const string RetiredAtField = "retired_at";

    [BsonId]
    public required string Id { get; set; }

    [BsonElement(KidField)]
    public required string Kid { get; set; }

    [BsonElement("public_jwk")]
    public required string PublicJwk { get; set; }

    [BsonElement("private_key")]
    public required string PrivateKey { get; set; }

    [BsonElement("created_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    [BsonElement("signs_from"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime SignsFrom { get; set; }

    [BsonElement(RetiredAtField), BsonIgnoreIfNull, BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? RetiredAt { get; set; }

    public static SigningKeyDocument From(SigningKeyRecord key, string id) => new()
    {
        Id = id,
        Kid = key.Kid,
        PublicJwk = key.PublicJwk,
        PrivateKey = key.PrivateKey,
        CreatedAt = MongoDates.ToBson(key.CreatedAt),
        SignsFrom = MongoDates.ToBson(key.SignsFrom),
        RetiredAt = MongoDates.ToBson(key.RetiredAt),
    };

    public SigningKeyRecord ToRecord() =>
        new(Kid, PublicJwk, PrivateKey, MongoDates.FromBson(CreatedAt), MongoDates.FromBson(SignsFrom), MongoDates.FromBson(RetiredAt));
}
