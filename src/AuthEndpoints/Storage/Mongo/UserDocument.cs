using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// A <c>users</c> document. Optional fields are left out rather than stored as null: the unique sparse
/// indexes on firebase_uid, email and username skip absent fields but would count nulls as duplicates.
/// </summary>
[BsonIgnoreExtraElements]
internal sealed class UserDocument
{
    public const string FirebaseUidField = "firebase_uid";
    public const string EmailField = "email";
    public const string UsernameField = "username";
    public const string AppsField = "apps";

    [BsonId]
    public ObjectId Id { get; set; }

    [BsonElement(FirebaseUidField), BsonIgnoreIfNull]
    public string? FirebaseUid { get; set; }

    [BsonElement(EmailField), BsonIgnoreIfNull]
    public string? Email { get; set; }

    [BsonElement(UsernameField), BsonIgnoreIfNull]
    public string? Username { get; set; }

    [BsonElement("password_hash"), BsonIgnoreIfNull]
    public string? PasswordHash { get; set; }

    [BsonElement("name"), BsonIgnoreIfNull]
    public string? Name { get; set; }

    [BsonElement("avatar"), BsonIgnoreIfNull]
    public string? Avatar { get; set; }

    [BsonElement("provider")]
    public required string Provider { get; set; }

    [BsonElement("phone"), BsonIgnoreIfNull]
    public string? Phone { get; set; }

    [BsonElement("date_of_birth"), BsonIgnoreIfNull]
    public string? DateOfBirth { get; set; }

    [BsonElement("address"), BsonIgnoreIfNull]
    public AddressDocument? Address { get; set; }

    [BsonElement(AppsField)]
    public List<AppMembershipDocument> Apps { get; set; } = [];

    // Documents written before the flag existed belong to active accounts and apps.
    [BsonElement("is_active"), BsonDefaultValue(true)]
    public bool IsActive { get; set; }

    [BsonElement("created_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime CreatedAt { get; set; }

    [BsonElement("updated_at"), BsonDateTimeOptions(Kind = DateTimeKind.Utc)]
    public DateTime UpdatedAt { get; set; }

    public static UserDocument From(User user) => new()
    {
        Id = MongoIds.Parse(user.Id),
        FirebaseUid = user.FirebaseUid,
        Email = user.Email,
        Username = user.Username,
        PasswordHash = user.PasswordHash,
        Name = user.Name,
        Avatar = user.Avatar,
        Provider = user.Provider,
        Phone = user.Phone,
        DateOfBirth = user.DateOfBirth,
        Address = AddressDocument.From(user.Address),
        Apps = user.Apps.Select(AppMembershipDocument.From).ToList(),
        IsActive = user.IsActive,
        CreatedAt = MongoDates.ToBson(user.CreatedAt),
        UpdatedAt = MongoDates.ToBson(user.UpdatedAt),
    };

    public User ToUser() => new()
    {
        Id = Id.ToString(),
        FirebaseUid = FirebaseUid,
        Email = Email,
        Username = Username,
        PasswordHash = PasswordHash,
        Name = Name,
        Avatar = Avatar,
        Provider = Provider,
        Phone = Phone,
        DateOfBirth = DateOfBirth,
        Address = Address?.ToAddress(),
        Apps = Apps.Select(a => a.ToMembership()).ToList(),
        IsActive = IsActive,
        CreatedAt = MongoDates.FromBson(CreatedAt),
        UpdatedAt = MongoDates.FromBson(UpdatedAt),
    };
}
