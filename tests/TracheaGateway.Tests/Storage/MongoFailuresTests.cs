using System.Net;
using MongoDB.Bson;
using MongoDB.Driver;
using MongoDB.Driver.Core.Clusters;
using MongoDB.Driver.Core.Connections;
using MongoDB.Driver.Core.Servers;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage.Mongo;
using Trachea.Tests.EndToEnd;

namespace Trachea.Tests.Storage;

/// <summary>How driver failures become typed ones, and the client settings; no server needed.</summary>
public sealed class MongoFailuresTests
{
    private const string Password = "s3cr3t-pa55";

    [Theory]
    [InlineData("username_1", "USERNAME_TAKEN")]
    [InlineData("email_1", "EMAIL_TAKEN")]
    [InlineData("firebase_uid_1", "VALIDATION_ERROR")]
    [InlineData("_id_", "VALIDATION_ERROR")]
    public void DuplicateKey_ByIndexName_MapsToContractCode(string index, string code)
    {
        var duplicate = DuplicateKey(index, "{ email: \"alice@example.test\" }");

        Assert.True(MongoFailures.TryTranslate(duplicate, out var failure));

        Assert.Equal(code, failure.Error.Code);
        Assert.DoesNotContain("alice@example.test", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKey_UnexpectedIndex_IsNotTranslated()
    {
        Assert.False(MongoFailures.TryTranslate(DuplicateKey("token_hash_1", "{ token_hash: \"x\" }"), out _));
    }

    [Fact]
    public void Timeout_ServerSelection_MapsToStoreUnavailable()
    {
        Assert.True(MongoFailures.TryTranslate(new TimeoutException("A timeout occurred after 5000ms selecting a server"), out var failure));

        Assert.Equal(ErrorCodes.StoreUnavailable, failure.Error);
    }

    [Fact]
    public void Settings_NoServerSelectionTimeout_DefaultsToFiveSeconds()
    {
        var settings = MongoStoreContext.CreateSettings("mongodb://localhost:27017/");

        Assert.Equal(TimeSpan.FromSeconds(5), settings.ServerSelectionTimeout);
    }

    [Fact]
    public void Settings_ServerSelectionTimeoutInConnectionString_IsKept()
    {
        var settings = MongoStoreContext.CreateSettings("mongodb://localhost:27017/?appName=x&serverSelectionTimeoutMS=1234");

        Assert.Equal(TimeSpan.FromMilliseconds(1234), settings.ServerSelectionTimeout);
    }

    [Fact]
    public void Settings_InvalidConnectionString_ThrowsWithoutQuotingIt()
    {
        var failure = Assert.Throws<TracheaException>(() => MongoStoreContext.CreateSettings($"mongodb://admin:{Password}@localhost:notaport/?serverSelectionTimeoutMS=soon"));

        Assert.Equal(ErrorCodes.StoreUnavailable, failure.Error);
        Assert.DoesNotContain(Password, failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Store_NoServerListening_ThrowsStoreUnavailableAndPingIsFalse()
    {
        // A loopback port with nothing on it: the driver gives up after the short server-selection timeout.
        var uri = $"mongodb://admin:{Password}@127.0.0.1:{ChildProcess.FreePort()}/?serverSelectionTimeoutMS=300&connectTimeoutMS=300";
        using var context = new MongoStoreContext(uri, "trachea");

        var failure = await Assert.ThrowsAsync<TracheaException>(() => new MongoUserStore(context).FindByUsernameAsync("alice", CancellationToken.None));

        Assert.Equal(ErrorCodes.StoreUnavailable, failure.Error);
        Assert.DoesNotContain(Password, failure.Message, StringComparison.Ordinal);
        Assert.False(await new MongoStoreLifecycle(context, Microsoft.Extensions.Options.Options.Create(new Trachea.AuthEndpoints.Configuration.TracheaOptions())).PingAsync(CancellationToken.None));
    }

    private static MongoCommandException DuplicateKey(string index, string key)
    {
        var message = $"E11000 duplicate key error collection: trachea.users index: {index} dup key: {key}";
        var connection = new ConnectionId(new ServerId(new ClusterId(), new DnsEndPoint("localhost", 27017)));
        return new MongoCommandException(
            connection, message, new BsonDocument("findAndModify", "users"),
            new BsonDocument { { "ok", 0 }, { "code", 11000 }, { "errmsg", message } });
    }
}
