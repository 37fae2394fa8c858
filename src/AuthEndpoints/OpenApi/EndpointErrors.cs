using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.OpenApi;

/// <summary>The error codes shared by several endpoints, so each endpoint lists only what is its own.</summary>
internal static class EndpointErrors
{
    /// <summary>Any endpoint that reads a JSON body.</summary>
    public static readonly ErrorCode[] Body = [ErrorCodes.ValidationError, ErrorCodes.PayloadTooLarge];

    /// <summary>Any endpoint that needs a bearer token.</summary>
    public static readonly ErrorCode[] Bearer = [ErrorCodes.AuthRequired, ErrorCodes.InvalidToken, ErrorCodes.TokenExpired, ErrorCodes.TokenRevoked];

    /// <summary>Register, login and refresh: rate limited, and they reach the store.</summary>
    public static readonly ErrorCode[] Credentials = [ErrorCodes.RateLimited, ErrorCodes.StoreUnavailable];

    /// <summary>The app named by <c>app_id</c> (or the default app) must exist, be active and allow the method.</summary>
    public static readonly ErrorCode[] App = [ErrorCodes.AppNotFound, ErrorCodes.AppInactive, ErrorCodes.AuthMethodNotAllowed];
}
