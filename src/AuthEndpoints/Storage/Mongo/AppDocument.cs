using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using Trachea.AuthEndpoints.Access;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>An <c>apps</c> document: the registry keys on <c>app_id</c>; <c>_id</c> is the server's own.</summary>
[BsonIgnoreExtraElements]
internal sealed class AppDocument
{
    public const string AppIdField = "app_id";

    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement(AppIdField)]
    public required string AppId { get; set; }

    [BsonElement("name")]
    public required string Name { get; set; }

    [BsonElement("secret_hash")]
    public required string SecretHash { get; set; }

    [BsonElement("domains")]
    public List<string> Domains { get; set; } = [];

    [BsonElement("allowed_auth_methods")]
    public List<string> AllowedAuthMethods { get; set; } = [];

    // Documents written before the flag existed belong to active accounts and apps.
    [BsonElement("is_active"), BsonDefaultValue(true)]
    public bool IsActive { get; set; }

    [BsonElement("created_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    // Absent from apps registered before plans were granted: their members may choose the free plan only.
    [BsonElement("self_service_plans")]
    public List<string>? SelfServicePlans { get; set; }

    public static AppDocument From(AppRegistration app) => new()
    {
        Id = ObjectId.GenerateNewId(),
        AppId = app.AppId,
        Name = app.Name,
        SecretHash = app.SecretHash,
        Domains = [.. app.Domains],
        AllowedAuthMethods = [.. app.AllowedAuthMethods],
        IsActive = app.IsActive,
        CreatedAt = MongoDates.ToBson(app.CreatedAt),
        SelfServicePlans = [.. app.SelfServicePlans],
    };

    public AppRegistration ToRegistration() => new()
    {
        AppId = AppId,
        Name = Name,
        SecretHash = SecretHash,
        Domains = Domains,
        AllowedAuthMethods = AllowedAuthMethods,
        IsActive = IsActive,
        CreatedAt = MongoDates.FromBson(CreatedAt),
        SelfServicePlans = SelfServicePlans ?? [Plans.Free],
    };
}
