using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Storage.Sqlite;

/// <summary>Turns SQLite errors into the store contract's typed failures; messages carry no path or data.</summary>
internal static class SqliteFailures
{
    private const int SqliteConstraint = 19;

    /// <returns>False for a constraint the schema does not expect: that is a bug, and it keeps its own exception.</returns>
    public static bool TryTranslate(SqliteException exception, [NotNullWhen(true)] out TracheaException? failure)
    {
        failure = exception.SqliteErrorCode == SqliteConstraint
            ? FromConstraint(exception)
            : new TracheaException(ErrorCodes.StoreUnavailable, "The embedded store could not be used.", inner: exception);
        return failure is not null;
    }

    private static TracheaException? FromConstraint(SqliteException exception) =>
        ViolatedKey(exception.Message) is { } key ? UserKeyCollision.Failure(key, exception) : null;

    // SQLite names the violated column in its message, e.g. "UNIQUE constraint failed: users.email".
    private static UserKey? ViolatedKey(string message) => message switch
    {
        _ when message.Contains("users.username", StringComparison.Ordinal) => UserKey.Username,
        _ when message.Contains("users.email", StringComparison.Ordinal) => UserKey.Email,
        _ when message.Contains("users.firebase_uid", StringComparison.Ordinal) => UserKey.FirebaseUid,
        _ when message.Contains("users.id", StringComparison.Ordinal) => UserKey.Id,
        _ => null,
    };
}
