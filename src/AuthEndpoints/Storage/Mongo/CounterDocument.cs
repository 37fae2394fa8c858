using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>A <c>counters</c> document: the last number handed out for one sequence (the revocation feed's <c>seq</c>).</summary>
[BsonIgnoreExtraElements]
internal sealed class CounterDocument
{
    public const string RevocationsId = "revocations";
    public const string ValueField = "value";

    [BsonId]
    public required string Id { get; set; }

    [BsonElement(ValueField)]
    public long Value { get; set; }
}
