using MongoDB.Driver;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>The client, database and typed collections of the MongoDB store.</summary>
internal sealed class MongoStoreContext : IDisposable
{
    public const string UsersCollection = "users";
    public const string AppsCollection = "apps";
    public const string RefreshTokensCollection = "refresh_tokens";
    public const string RevocationsCollection = "revocations";
    public const string CountersCollection = "counters";
    public const string SigningKeysCollection = "signing_keys";
    public const string SessionsCollection = "sessions";

    // Without a server, the driver's default of 30 s would hold every request that long before it fails.
    public static readonly TimeSpan DefaultServerSelectionTimeout = TimeSpan.FromSeconds(5);

    private readonly MongoClient _client;

    public MongoStoreContext(string connectionString, string databaseName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseName);
        _client = new MongoClient(CreateSettings(connectionString));
        Database = _client.GetDatabase(databaseName);
        Users = Database.GetCollection<UserDocument>(UsersCollection);
        Apps = Database.GetCollection<AppDocument>(AppsCollection);
        RefreshTokens = Database.GetCollection<RefreshTokenDocument>(RefreshTokensCollection);
        Revocations = Database.GetCollection<RevocationDocument>(RevocationsCollection);
        Counters = Database.GetCollection<CounterDocument>(CountersCollection);
        SigningKeys = Database.GetCollection<SigningKeyDocument>(SigningKeysCollection);
        Sessions = Database.GetCollection<SessionDocument>(SessionsCollection);
    }

    public IMongoDatabase Database { get; }

    public IMongoCollection<UserDocument> Users { get; }

    public IMongoCollection<AppDocument> Apps { get; }

    public IMongoCollection<RefreshTokenDocument> RefreshTokens { get; }

    public IMongoCollection<RevocationDocument> Revocations { get; }

    public IMongoCollection<CounterDocument> Counters { get; }

    public IMongoCollection<SigningKeyDocument> SigningKeys { get; }

    public IMongoCollection<SessionDocument> Sessions { get; }

    public void Dispose() => _client.Dispose();

    internal static MongoClientSettings CreateSettings(string connectionString)
    {
        MongoUrl url;
        try
        {
            url = MongoUrl.Create(connectionString);
        }
        catch (Exception exception) when (exception is MongoConfigurationException or ArgumentException or FormatException)
        {
            // The driver's message quotes the connection string, password included: it must not travel on.
            throw new TracheaException(ErrorCodes.StoreUnavailable, "The MongoDB connection string is invalid.");
        }

        var settings = MongoClientSettings.FromUrl(url);
        if (!SetsServerSelectionTimeout(connectionString))
        {
            settings.ServerSelectionTimeout = DefaultServerSelectionTimeout;
        }

        return settings;
    }

    private static bool SetsServerSelectionTimeout(string connectionString)
    {
        var query = connectionString.IndexOf('?', StringComparison.Ordinal);
        return query >= 0 && connectionString[(query + 1)..]
            .Split('&')
            .Any(option => option.StartsWith("serverSelectionTimeoutMS=", StringComparison.OrdinalIgnoreCase));
    }
}
