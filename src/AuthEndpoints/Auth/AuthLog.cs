using Microsoft.Extensions.Logging;

namespace Trachea.AuthEndpoints.Auth;

/// <summary>Audit events of the auth endpoints. Users are named by id, tokens by a short hash label, never by value.</summary>
internal static partial class AuthLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "User {UserId} registered in app {AppId}")]
    public static partial void Registered(ILogger logger, string userId, string appId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "User {UserId} logged in to app {AppId} with {Method}")]
    public static partial void LoggedIn(ILogger logger, string userId, string appId, string method);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Login failed for app {AppId}: {Reason}")]
    public static partial void LoginFailed(ILogger logger, string appId, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Refresh token {TokenLabel} of user {UserId} was reused: all of the user's refresh tokens revoked ({Revoked})")]
    public static partial void RefreshReuse(ILogger logger, string tokenLabel, string userId, long revoked);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information, Message = "User {UserId} logged out: {Revoked} refresh tokens revoked")]
    public static partial void LoggedOut(ILogger logger, string userId, long revoked);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Warning, Message = "User {UserId} deactivated their account")]
    public static partial void Deactivated(ILogger logger, string userId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "User {UserId} joined app {AppId}")]
    public static partial void JoinedApp(ILogger logger, string userId, string appId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "User {UserId} signed in to app {AppId} with an unverified Firebase email: the email was not stored")]
    public static partial void UnverifiedEmailDropped(ILogger logger, string userId, string appId);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Refresh token {TokenLabel} of user {UserId} came back inside the grace window: the same successor was returned")]
    public static partial void RefreshGraceReplay(ILogger logger, string tokenLabel, string userId);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Information, Message = "User {UserId} changed their password: {Revoked} refresh tokens revoked")]
    public static partial void PasswordChanged(ILogger logger, string userId, long revoked);
}
