namespace Trachea.Gateway.Proxy;

/// <summary>How a proxied route treats bearer tokens (route metadata <c>Auth</c>).</summary>
internal enum RouteAuth
{
    /// <summary>A valid token of the route's app is required (the default: secure by default).</summary>
    Required,

    /// <summary>No token passes anonymously; a token that is sent must be valid, and its identity is forwarded.</summary>
    Optional,

    /// <summary>Tokens are ignored and no identity is ever forwarded.</summary>
    Anonymous,
}
