namespace Trachea.Tests.Storage;

/// <summary>Tests that need a MongoDB server take its address from this variable and are skipped without it.</summary>
internal static class MongoTestEnvironment
{
    public const string UriVariable = "TRACHEA_TEST_MONGO_URI";

    public static string? Uri => Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri ? uri : null;
}
