namespace Trachea.AuthEndpoints.Errors;

/// <summary>The gateway's error codes, as docs/http-api.md lists them; nothing else names an error.</summary>
internal static class ErrorCodes
{
    public static readonly ErrorCode AppNotFound = new("APP_NOT_FOUND", 404, "App not found");
    public static readonly ErrorCode AppInactive = new("APP_INACTIVE", 403, "App is disabled");
    public static readonly ErrorCode AuthMethodNotAllowed = new("AUTH_METHOD_NOT_ALLOWED", 403, "Sign-in method not allowed for this app");
    public static readonly ErrorCode InvalidFirebaseToken = new("INVALID_FIREBASE_TOKEN", 401, "Firebase token is invalid");
    public static readonly ErrorCode InvalidCredentials = new("INVALID_CREDENTIALS", 401, "Invalid username or password");
    public static readonly ErrorCode UsernameTaken = new("USERNAME_TAKEN", 409, "Username is already taken");
    public static readonly ErrorCode EmailTaken = new("EMAIL_TAKEN", 409, "Email is already taken");
    public static readonly ErrorCode InvalidClient = new("INVALID_CLIENT", 401, "App credentials are invalid");
    public static readonly ErrorCode UserNotFound = new("USER_NOT_FOUND", 404, "User not found");
    public static readonly ErrorCode AuthRequired = new("AUTH_REQUIRED", 401, "Authentication required");
    public static readonly ErrorCode InvalidToken = new("INVALID_TOKEN", 401, "Token is invalid");
    public static readonly ErrorCode TokenExpired = new("TOKEN_EXPIRED", 401, "Token has expired");
    public static readonly ErrorCode RefreshTokenInvalid = new("REFRESH_TOKEN_INVALID", 401, "Refresh token is invalid");
    public static readonly ErrorCode RefreshTokenReuse = new("REFRESH_TOKEN_REUSE", 401, "Refresh token was already used");
    public static readonly ErrorCode InsufficientRole = new("INSUFFICIENT_ROLE", 403, "Insufficient role");
    public static readonly ErrorCode InsufficientPlan = new("INSUFFICIENT_PLAN", 403, "Insufficient plan");
    public static readonly ErrorCode PlanNotSelfService = new("PLAN_NOT_SELF_SERVICE", 403, "This plan is granted by the app, not chosen");
    public static readonly ErrorCode EmailRequiredForPaid = new("EMAIL_REQUIRED_FOR_PAID", 422, "An email is required for a paid plan");
    public static readonly ErrorCode UserInactive = new("USER_INACTIVE", 403, "Account is deactivated");
    public static readonly ErrorCode ValidationError = new("VALIDATION_ERROR", 422, "Request is invalid");
    public static readonly ErrorCode RateLimited = new("RATE_LIMITED", 429, "Too many attempts");
    public static readonly ErrorCode PayloadTooLarge = new("PAYLOAD_TOO_LARGE", 413, "Request body is too large");
    public static readonly ErrorCode StoreUnavailable = new("STORE_UNAVAILABLE", 503, "The user store is unavailable");
    public static readonly ErrorCode IdentityProviderUnavailable = new("IDENTITY_PROVIDER_UNAVAILABLE", 503, "The identity provider is unavailable");
    public static readonly ErrorCode BackendUnavailable = new("BACKEND_UNAVAILABLE", 502, "The backend app is unavailable");
    public static readonly ErrorCode TokenRevoked = new("TOKEN_REVOKED", 401, "Token has been revoked");
    public static readonly ErrorCode CsrfRejected = new("CSRF_REJECTED", 403, "Request refused: it may come from another site");
    public static readonly ErrorCode UntrustedProxy = new("UNTRUSTED_PROXY", 403, "Forwarded request not believed");
    public static readonly ErrorCode BackendTimeout = new("BACKEND_TIMEOUT", 504, "The backend app did not answer in time");
}
