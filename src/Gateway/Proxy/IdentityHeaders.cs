using Trachea.AuthEndpoints.Tokens;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The headers a backend receives about the caller (docs/headers.md), each from one claim of the
/// validated access token, and the rule that keeps clients from sending look-alikes of them.
/// </summary>
internal static class IdentityHeaders
{
    public const string UserId = "X-User-Id";
    public const string UserEmail = "X-User-Email";
    public const string UserUsername = "X-User-Username";
    public const string UserRole = "X-User-Role";
    public const string UserPlan = "X-User-Plan";
    public const string AppId = "X-App-Id";
    public const string AuthProvider = "X-Auth-Provider";

    /// <returns>The header that carries this claim, or null for a claim that is not forwarded.</returns>
    public static string? ForClaim(string claimType) => claimType switch
    {
        TokenClaims.Subject => UserId,
        TokenClaims.Email => UserEmail,
        TokenClaims.Username => UserUsername,
        TokenClaims.Role => UserRole,
        TokenClaims.Plan => UserPlan,
        TokenClaims.AppId => AppId,
        TokenClaims.Provider => AuthProvider,
        _ => null,
    };

    /// <summary>
    /// True for a name reserved to the gateway: lower-cased, with '-', '_' and '.' read alike, it starts with
    /// <c>x-user-</c>, <c>x-app-</c>, <c>x-auth-</c> or <c>x-trachea-</c> (so <c>X_User_Id</c> and
    /// <c>x.user.id</c> are caught, which a backend or framework might read as <c>X-User-Id</c>).
    /// </summary>
    public static bool IsReserved(ReadOnlySpan<char> name)
    {
        if (name.Length < 6 || (name[0] | 0x20) != 'x' || !IsSeparator(name[1]))
        {
            return false;
        }

        var rest = name[2..];
        return StartsWithWord(rest, "user") || StartsWithWord(rest, "app") || StartsWithWord(rest, "auth") || StartsWithWord(rest, "trachea");
    }

    private static bool StartsWithWord(ReadOnlySpan<char> value, string word) =>
        value.Length > word.Length
        && IsSeparator(value[word.Length])
        && value[..word.Length].Equals(word, StringComparison.OrdinalIgnoreCase);

    private static bool IsSeparator(char c) => c is '-' or '_' or '.';
}
