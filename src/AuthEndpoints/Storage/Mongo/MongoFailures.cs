using System.Diagnostics.CodeAnalysis;
using MongoDB.Driver;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage.Mongo;

/// <summary>
/// Turns driver failures into the store contract's typed ones. Messages are fixed text: the driver's own
/// may name hosts, and a duplicate-key message quotes the duplicate value.
/// </summary>
internal static class MongoFailures
{
    private const int DuplicateKeyCode = 11000;

    /// <summary>Runs one store operation, throwing the typed failure for any driver failure it expects.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch (Exception exception) when (TryTranslate(exception, out var failure))
        {
            throw failure;
        }
    }

    /// <summary>Runs one store operation that returns nothing, translating failures as the other overload does.</summary>
    public static Task RunAsync(Func<Task> operation) =>
        RunAsync(async () =>
        {
            await operation().ConfigureAwait(false);
            return true;
        });

    public static bool IsDuplicateKey(Exception exception) => exception switch
    {
        MongoWriteException write => write.WriteError?.Category == ServerErrorCategory.DuplicateKey,
        MongoCommandException command => command.Code == DuplicateKeyCode,
        _ => false,
    };

    /// <returns>False for a failure the store does not expect: that is a bug, and it keeps its own exception.</returns>
    public static bool TryTranslate(Exception exception, [NotNullWhen(true)] out TracheaException? failure)
    {
        failure = exception switch
        {
            _ when IsDuplicateKey(exception) => FromDuplicateKey(exception),
            // Its message may quote the connection string, so it does not travel on as the inner exception.
            MongoConfigurationException => new TracheaException(ErrorCodes.StoreUnavailable, "The MongoDB store is misconfigured."),
            MongoConnectionException or MongoClientException or TimeoutException or MongoNotPrimaryException
                or MongoNodeIsRecoveringException or MongoExecutionTimeoutException =>
                new TracheaException(ErrorCodes.StoreUnavailable, "The MongoDB store could not be reached.", inner: exception),
            _ => null,
        };
        return failure is not null;
    }

    private static TracheaException? FromDuplicateKey(Exception exception) =>
        ViolatedKey(ViolatedIndex(DuplicateKeyMessage(exception))) is { } key ? UserKeyCollision.Failure(key, exception) : null;

    private static UserKey? ViolatedKey(string? index) => index switch
    {
        MongoIndexes.Username => UserKey.Username,
        MongoIndexes.Email => UserKey.Email,
        MongoIndexes.FirebaseUid => UserKey.FirebaseUid,
        "_id_" => UserKey.Id,
        _ => null,
    };

    private static string DuplicateKeyMessage(Exception exception) =>
        exception is MongoWriteException { WriteError.Message: { } message } ? message : exception.Message;

    // The server names the violated index: "E11000 duplicate key error collection: trachea.users index: email_1 dup key: ...".
    private static string? ViolatedIndex(string message)
    {
        const string Marker = " index: ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += Marker.Length;
        var end = message.IndexOf(' ', start);
        return end < 0 ? message[start..] : message[start..end];
    }
}
