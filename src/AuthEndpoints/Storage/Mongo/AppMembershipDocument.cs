using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>One entry of <c>users.apps</c>.</summary>
[BsonIgnoreExtraElements]
internal sealed class AppMembershipDocument
{
    public const string AppIdField = "app_id";
    public const string RoleField = "role";
    public const string PlanField = "plan";
    public const string VersionField = "version";
    public const string BlockedAtField = "blocked_at";

    [BsonElement(AppIdField)]
    public required string AppId { get; set; }

    [BsonElement(RoleField)]
    public required string Role { get; set; }

    [BsonElement(PlanField)]
    public required string Plan { get; set; }

    [BsonElement("joined_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime JoinedAt { get; set; }

    // Entries written before versions existed are at version 0.
    [BsonElement(VersionField), BsonDefaultValue(0)]
    public int Version { get; set; }

    [BsonElement(BlockedAtField), BsonIgnoreIfNull, BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime? BlockedAt { get; set; }

    public static AppMembershipDocument From(AppMembership membership) => new()
    {
        AppId = membership.AppId,
        Role = membership.Role,
        Plan = membership.Plan,
        JoinedAt = MongoDates.ToBson(membership.JoinedAt),
        Version = membership.Version,
        BlockedAt = MongoDates.ToBson(membership.BlockedAt),
    };

    public AppMembership ToMembership() => new(AppId, Role, Plan, MongoDates.FromBson(JoinedAt), Version, MongoDates.FromBson(BlockedAt));
}
