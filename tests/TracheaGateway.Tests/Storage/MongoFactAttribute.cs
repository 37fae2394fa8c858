namespace Trachea.Tests.Storage;

/// <summary>A fact that needs a MongoDB server: skipped unless <c>TRACHEA_TEST_MONGO_URI</c> is set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MongoFactAttribute : FactAttribute
{
    public MongoFactAttribute()
    {
        if (MongoTestEnvironment.Uri is null)
        {
            Skip = $"{MongoTestEnvironment.UriVariable} is not set";
        }
    }
}
