namespace Trachea.Gateway.Proxy;

/// <summary>
/// Whose requests one window counts on one route: a user of an app (never a token, so a new token keeps the
/// count), or, with <see cref="AppId"/> null, a client address.
/// </summary>
internal readonly record struct RateLimitKey(string RouteId, string Caller, string? AppId);
