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

    // SQLite names the violated column in its message, e.g. "UNIQUE constraint failed: users.email".
    private static TracheaException? FromConstraint(SqliteException exception) => exception.Message switch
    {
        var m when m.Contains("users.username", StringComparison.Ordinal) =>
            new TracheaException(ErrorCodes.UsernameTaken, inner: exception),
        var m when m.Contains("users.email", StringComparison.Ordinal) =>
            new TracheaException(ErrorCodes.EmailTaken, inner: exception),
        var m when m.Contains("users.firebase_uid", StringComparison.Ordinal) =>
            new TracheaException(ErrorCodes.ValidationError, "firebase_uid already linked", inner: exception),
        var m when m.Contains("users.id", StringComparison.Ordinal) =>
            new TracheaException(ErrorCodes.ValidationError, "user id already exists", inner: exception),
        _ => null,
    };
}
