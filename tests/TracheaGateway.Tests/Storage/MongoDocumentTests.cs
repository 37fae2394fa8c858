using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Mongo;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Storage;

/// <summary>The BSON the driver's own serializer writes for each document: trachea-login's field names and types.</summary>
public sealed class MongoDocumentTests
{
    private static readonly DateTimeOffset Created = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.FromHours(2));

    [Fact]
    public void UserDocument_EveryField_SerializesToStoredShape()
    {
        var id = NewId();
        var user = new User
        {
            Id = id,
            FirebaseUid = "fb-1",
            Email = "alice@example.test",
            Username = "alice",
            PasswordHash = "hash",
            Name = "Alice",
            Avatar = "https://example.test/a.png",
            Provider = AuthMethods.Google,
            Phone = "+15550100",
            DateOfBirth = "1990-01-31",
            Address = new Address("1 Main St", "Springfield", "IL", "US", "62701"),
            Apps = [new AppMembership("demo", Roles.Admin, Plans.Pro, Created, Version: 3)],
            IsActive = true,
            CreatedAt = Created,
            UpdatedAt = Created.AddMinutes(1),
        };

        var bson = UserDocument.From(user).ToBsonDocument();

        Assert.Equal(
            new BsonDocument
            {
                { "_id", ObjectId.Parse(id) },
                { "firebase_uid", "fb-1" },
                { "email", "alice@example.test" },
                { "username", "alice" },
                { "password_hash", "hash" },
                { "name", "Alice" },
                { "avatar", "https://example.test/a.png" },
                { "provider", "google" },
                { "phone", "+15550100" },
                { "date_of_birth", "1990-01-31" },
                {
                    "address",
                    new BsonDocument { { "street", "1 Main St" }, { "city", "Springfield" }, { "state", "IL" }, { "country", "US" }, { "zip", "62701" } }
                },
                {
                    "apps",
                    new BsonArray
                    {
                        new BsonDocument { { "app_id", "demo" }, { "role", "admin" }, { "plan", "pro" }, { "joined_at", new BsonDateTime(Created.UtcDateTime) }, { "version", 3 } },
                    }
                },
                { "is_active", true },
                { "created_at", new BsonDateTime(Created.UtcDateTime) },
                { "updated_at", new BsonDateTime(Created.AddMinutes(1).UtcDateTime) },
            },
            bson);
        Assert.IsType<BsonObjectId>(bson["_id"]);
        Assert.IsType<BsonDateTime>(bson["created_at"]);
    }

    [Fact]
    public void UserDocument_NoOptionalFields_LeavesThemAbsent()
    {
        var user = User() with { Address = new Address(null, "Springfield", null, null, null) };

        var bson = UserDocument.From(user).ToBsonDocument();

        Assert.Equal(
            ["_id", "provider", "address", "apps", "is_active", "created_at", "updated_at"],
            bson.Names);
        Assert.Equal(new BsonDocument("city", "Springfield"), bson["address"]);
    }

    [Fact]
    public void UserDocument_RoundTrip_KeepsEveryFieldAtMillisecondPrecision()
    {
        var user = User("alice", "alice@example.test", "fb-1", Membership("demo"), Membership("shop", Roles.Guest, Plans.Enterprise)) with
        {
            CreatedAt = Created,
            Address = new Address("1 Main St", null, null, "US", null),
        };

        var back = BsonSerializer.Deserialize<UserDocument>(UserDocument.From(user).ToBsonDocument()).ToUser();

        Assert.Equal(user.Id, back.Id);
        Assert.Equal((user.Username, user.Email, user.FirebaseUid, user.PasswordHash, user.Provider), (back.Username, back.Email, back.FirebaseUid, back.PasswordHash, back.Provider));
        Assert.Equal(user.Address, back.Address);
        Assert.Equal(user.Apps, back.Apps);
        Assert.Equal(Created, back.CreatedAt);
        Assert.Equal(TimeSpan.Zero, back.CreatedAt.Offset);
    }

    [Fact]
    public void UserDocument_TracheaLoginDocumentWithoutIsActiveAndWithExtraFields_ReadsAsActiveUser()
    {
        var written = new BsonDocument
        {
            { "_id", ObjectId.GenerateNewId() },
            { "email", "alice@example.test" },
            { "provider", "google" },
            { "apps", new BsonArray() },
            { "created_at", new BsonDateTime(Created.UtcDateTime) },
            { "updated_at", new BsonDateTime(Created.UtcDateTime) },
            { "last_login", new BsonDateTime(Created.UtcDateTime) },
        };

        var user = BsonSerializer.Deserialize<UserDocument>(written).ToUser();

        Assert.True(user.IsActive);
        Assert.Equal("alice@example.test", user.Email);
        Assert.Empty(user.Apps);
    }

    [Fact]
    public void AppDocument_Serializes_ToStoredShape()
    {
        var app = new AppRegistration
        {
            AppId = "demo",
            Name = "Demo",
            SecretHash = "secret-hash",
            Domains = ["demo.example.test"],
            AllowedAuthMethods = [AuthMethods.Username, AuthMethods.Google],
            IsActive = false,
            SelfServicePlans = [Plans.Free, Plans.Pro],
            CreatedAt = Created,
        };

        var document = AppDocument.From(app);
        var bson = document.ToBsonDocument();

        Assert.Equal(
            new BsonDocument
            {
                { "_id", document.Id },
                { "app_id", "demo" },
                { "name", "Demo" },
                { "secret_hash", "secret-hash" },
                { "domains", new BsonArray { "demo.example.test" } },
                { "allowed_auth_methods", new BsonArray { "username", "google" } },
                { "is_active", false },
                { "created_at", new BsonDateTime(Created.UtcDateTime) },
                { "self_service_plans", new BsonArray { "free", "pro" } },
            },
            bson);
        Assert.NotEqual(ObjectId.Empty, document.Id);
        Assert.Equal([Plans.Free, Plans.Pro], BsonSerializer.Deserialize<AppDocument>(bson).ToRegistration().SelfServicePlans);
    }

    [Fact]
    public void AppDocument_WrittenBeforeSelfServicePlans_ReadsFreeOnly()
    {
        var earlier = new BsonDocument
        {
            { "_id", ObjectId.GenerateNewId() },
            { "app_id", "demo" },
            { "name", "Demo" },
            { "secret_hash", "secret-hash" },
            { "domains", new BsonArray() },
            { "allowed_auth_methods", new BsonArray { "username" } },
            { "is_active", true },
            { "created_at", new BsonDateTime(Created.UtcDateTime) },
        };

        Assert.Equal([Plans.Free], BsonSerializer.Deserialize<AppDocument>(earlier).ToRegistration().SelfServicePlans);
    }

    [Fact]
    public void RefreshTokenDocument_Unused_HasNoUsedOrRevokedField()
    {
        var token = Token("user-1", expiresAt: Created);

        var document = RefreshTokenDocument.From(token);
        var bson = document.ToBsonDocument();

        Assert.Equal(
            new BsonDocument
            {
                { "_id", document.Id },
                { "token_hash", token.TokenHash },
                { "user_id", "user-1" },
                { "app_id", "demo" },
                { "family_id", token.FamilyId },
                { "expires_at", new BsonDateTime(Created.UtcDateTime) },
            },
            bson);
    }

    [Fact]
    public void RefreshTokenDocument_UsedAndRevoked_StoresBothAsDates()
    {
        var token = Token("user-1") with { UsedAt = Created, RevokedAt = Created.AddSeconds(1) };

        var bson = RefreshTokenDocument.From(token).ToBsonDocument();

        Assert.Equal(new BsonDateTime(Created.UtcDateTime), bson["used_at"]);
        Assert.Equal(new BsonDateTime(Created.AddSeconds(1).UtcDateTime), bson["revoked_at"]);
        Assert.Equal(token, BsonSerializer.Deserialize<RefreshTokenDocument>(bson).ToRecord());
    }

    [Fact]
    public void AppMembershipDocument_WrittenBeforeVersions_ReadsAtVersionZero()
    {
        var earlier = new BsonDocument { { "app_id", "demo" }, { "role", "member" }, { "plan", "free" }, { "joined_at", new BsonDateTime(Created.UtcDateTime) } };

        Assert.Equal(0, BsonSerializer.Deserialize<AppMembershipDocument>(earlier).ToMembership().Version);
    }

    [Fact]
    public void RevocationDocument_Serializes_ToTheFeedShape()
    {
        var id = ObjectId.GenerateNewId();
        var version = new RevocationDocument { Id = id, Seq = 7, UserId = "u1", AppId = "demo", MinVersion = 2, CreatedAt = Created.UtcDateTime };
        var session = new RevocationDocument { Id = id, Seq = 8, UserId = "u1", AppId = "demo", Sid = "s1", CreatedAt = Created.UtcDateTime };

        Assert.Equal(
            new BsonDocument { { "_id", id }, { "seq", 7L }, { "user_id", "u1" }, { "app_id", "demo" }, { "min_version", 2 }, { "created_at", new BsonDateTime(Created.UtcDateTime) } },
            version.ToBsonDocument());
        Assert.Equal(
            new BsonDocument { { "_id", id }, { "seq", 8L }, { "user_id", "u1" }, { "app_id", "demo" }, { "sid", "s1" }, { "created_at", new BsonDateTime(Created.UtcDateTime) } },
            session.ToBsonDocument());
    }

    [Fact]
    public void SigningKeyDocument_Serializes_ToTheKeyRingShape_RetiredAtOnlyOnceRetired()
    {
        var key = new SigningKeyRecord("kid-1", "{\"kty\":\"EC\"}", "v1.sealed", Created, Created.AddMinutes(10));
        var retired = key with { RetiredAt = Created.AddMinutes(20) };

        Assert.Equal(
            new BsonDocument
            {
                { "_id", "initial" }, { "kid", "kid-1" }, { "public_jwk", "{\"kty\":\"EC\"}" }, { "private_key", "v1.sealed" },
                { "created_at", new BsonDateTime(Created.UtcDateTime) }, { "signs_from", new BsonDateTime(Created.AddMinutes(10).UtcDateTime) },
            },
            SigningKeyDocument.From(key, SigningKeyDocument.InitialId).ToBsonDocument());
        var document = SigningKeyDocument.From(retired, retired.Kid).ToBsonDocument();
        Assert.Equal(("kid-1", new BsonDateTime(Created.AddMinutes(20).UtcDateTime)), (document["_id"].AsString, document["retired_at"].AsBsonDateTime));
        Assert.Equal(retired, SigningKeyDocument.From(retired, retired.Kid).ToRecord());
    }

    [Fact]
    public void SessionDocument_SerializesToStoredShapeAndRoundTrips()
    {
        var session = new BrowserSession
        {
            IdHash = "ab12",
            UserId = "u1",
            AppId = "demo",
            Sid = "s1",
            CreatedAt = Created,
            LastSeenAt = Created.AddMinutes(5),
            ExpiresAt = Created.AddDays(7),
        };

        var document = SessionDocument.From(session);
        var bson = document.ToBsonDocument();

        Assert.Equal(["_id", "id_hash", "user_id", "app_id", "sid", "created_at", "last_seen_at", "expires_at"], bson.Names);
        Assert.Equal(new BsonDateTime(Created.AddDays(7).UtcDateTime), bson["expires_at"]);
        Assert.Equal(session, BsonSerializer.Deserialize<SessionDocument>(bson).ToSession());
    }
}
