using Microsoft.Extensions.Logging;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>Firebase log events (ids 4100–4199). Tokens and key material are never logged.</summary>
internal static partial class FirebaseLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Fetched {KeyCount} Firebase signing keys, cached for {Lifetime}")]
    public static partial void KeysFetched(ILogger logger, int keyCount, TimeSpan lifetime);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Firebase signing keys could not be fetched: {Reason}")]
    public static partial void KeysUnavailable(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Refetching Firebase signing keys for a token signed with an unknown key")]
    public static partial void RefetchForUnknownKey(ILogger logger);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Firebase token refused: {Reason}")]
    public static partial void TokenRejected(ILogger logger, string reason);
}
