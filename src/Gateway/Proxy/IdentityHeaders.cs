using System.Buffers;
using System.Text;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.Gateway.Proxy;

/// <summary>
/// The headers a backend receives about the caller (docs/headers.md), each from one claim of the
/// validated access token, how their values are written, and the rule that keeps clients from sending
/// look-alikes of them.
/// </summary>
internal static class IdentityHeaders
{
    private const string Hex = "0123456789ABCDEF";

    // Printable ASCII but '%', which is encoded so that a value is decoded one way only (docs/proxying.md).
    private static readonly SearchValues<char> SentAsIs = SearchValues.Create(
        " !\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    public const string UserId = "X-User-Id";
    public const string UserEmail = "X-User-Email";
    public const string UserUsername = "X-User-Username";
    public const string UserRole = "X-User-Role";
    public const string UserPlan = "X-User-Plan";
    public const string AppId = "X-App-Id";
    public const string AuthProvider = "X-Auth-Provider";

    /// <summary>Every identity header, in the order a backend receives them.</summary>
    public static readonly string[] All = [UserId, UserEmail, UserUsername, UserRole, UserPlan, AppId, AuthProvider];

    /// <returns>The claim a header carries, or null for a name that is not an identity header.</returns>
    public static string? ClaimOf(string header) => header switch
    {
        UserId => TokenClaims.Subject,
        UserEmail => TokenClaims.Email,
        UserUsername => TokenClaims.Username,
        UserRole => TokenClaims.Role,
        UserPlan => TokenClaims.Plan,
        AppId => TokenClaims.AppId,
        AuthProvider => TokenClaims.Provider,
        _ => null,
    };

    /// <summary>
    /// The value as a header carries it: unchanged when it is printable ASCII without '%' (no allocation);
    /// otherwise the UTF-8 bytes of every other character, '%' included, are percent-encoded
    /// (<c>zoë@example.com</c> is sent as <c>zo%C3%AB@example.com</c>), as HttpClient refuses non-ASCII values.
    /// </summary>
    public static string HeaderValue(string value)
    {
        var first = value.AsSpan().IndexOfAnyExcept(SentAsIs);
        return first < 0 ? value : PercentEncode(value, first);
    }

    private static string PercentEncode(string value, int first)
    {
        var encoded = new StringBuilder(value.Length + 16).Append(value, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.AsSpan(first).EnumerateRunes())
        {
            if (rune.IsAscii && SentAsIs.Contains((char)rune.Value))
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                encoded.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return encoded.ToString();
    }

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

    /// <summary>'-', '_' and '.', which backends and frameworks may read alike in a header name.</summary>
    public static bool IsSeparator(char c) => c is '-' or '_' or '.';
}
