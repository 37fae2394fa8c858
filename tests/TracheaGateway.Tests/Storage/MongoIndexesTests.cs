using MongoDB.Bson;
using MongoDB.Bson.Serialization;
using MongoDB.Driver;
using Trachea.AuthEndpoints.Storage.Mongo;

namespace Trachea.Tests.Storage;

/// <summary>The index models InitializeAsync creates, checked without a server.</summary>
public sealed class MongoIndexesTests
{
    [Fact]
    public void UserIndexes_AreUniqueSparseOnIdentityFieldsAndPlainOnAppId()
    {
        Assert.Equal(
            [
                ("firebase_uid_1", new BsonDocument("firebase_uid", 1), true, true),
                ("email_1", new BsonDocument("email", 1), true, true),
                ("username_1", new BsonDocument("username", 1), true, true),
                ("apps.app_id_1", new BsonDocument("apps.app_id", 1), false, false),
            ],
            MongoIndexes.Users.Select(Describe));
    }

    [Fact]
    public void AppIndexes_AppIdIsUnique()
    {
        Assert.Equal([("app_id_1", new BsonDocument("app_id", 1), true, false)], MongoIndexes.Apps.Select(Describe));
    }

    [Fact]
    public void RefreshTokenIndexes_TokenHashUniqueAndExpiresAtTtl()
    {
        Assert.Equal(
            [
                ("token_hash_1", new BsonDocument("token_hash", 1), true, false),
                ("expires_at_1", new BsonDocument("expires_at", 1), false, false),
            ],
            MongoIndexes.RefreshTokens.Select(Describe));
        Assert.Equal(TimeSpan.Zero, MongoIndexes.RefreshTokens[1].Options.ExpireAfter);
        Assert.Null(MongoIndexes.RefreshTokens[0].Options.ExpireAfter);
    }

    [Fact]
    public void RevocationIndexes_SeqUniqueAndCreatedAtTtlOfLifetimePlusFiveMinutes()
    {
        var indexes = MongoIndexes.Revocations(TimeSpan.FromMinutes(15));

        Assert.Equal(
            [
                ("seq_1", new BsonDocument("seq", 1), true, false),
                ("created_at_1", new BsonDocument("created_at", 1), false, false),
            ],
            indexes.Select(Describe));
        Assert.Equal(TimeSpan.FromMinutes(20), indexes[1].Options.ExpireAfter);
        Assert.Null(indexes[0].Options.ExpireAfter);
    }

    [Fact]
    public void SigningKeyIndexes_KidIsUnique()
    {
        Assert.Equal([("kid_1", new BsonDocument("kid", 1), true, false)], MongoIndexes.SigningKeys.Select(Describe));
    }

    [Fact]
    public void SessionIndexes_IdHashUniqueUserPlainAndExpiresAtTtl()
    {
        Assert.Equal(
            [
                ("id_hash_1", new BsonDocument("id_hash", 1), true, false),
                ("user_id_1", new BsonDocument("user_id", 1), false, false),
                ("expires_at_1", new BsonDocument("expires_at", 1), false, false),
            ],
            MongoIndexes.Sessions.Select(Describe));
        Assert.Equal(TimeSpan.Zero, MongoIndexes.Sessions[2].Options.ExpireAfter);
        Assert.Null(MongoIndexes.Sessions[0].Options.ExpireAfter);
    }

    private static (string Name, BsonDocument Keys, bool Unique, bool Sparse) Describe<T>(CreateIndexModel<T> model) =>
    (
        model.Options.Name,
        model.Keys.Render(new RenderArgs<T>(BsonSerializer.LookupSerializer<T>(), BsonSerializer.SerializerRegistry)),
        model.Options.Unique ?? false,
        model.Options.Sparse ?? false
    );
}
