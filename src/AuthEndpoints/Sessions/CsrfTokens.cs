using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Trachea.AuthEndpoints.Tokens;

namespace Trachea.AuthEndpoints.Sessions;

/// <summary>
/// Signed double submit for the gateway's forms: the <c>__Host-trachea_csrf</c> cookie holds a random value and each
/// form carries its HMAC, keyed by a key derived from <c>TRACHEA_JWT_SECRET</c>. Another site can neither read the
/// cookie nor compute the HMAC, and a subdomain cannot plant a pair of its own (<c>__Host-</c>).
/// </summary>
internal sealed class CsrfTokens(JwtSigningKey signingKey)
{
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("trachea browser-session csrf v1");

    private readonly byte[] _key = HMACSHA256.HashData(signingKey.Key.Key, Purpose);

    /// <summary>The form token for this request's CSRF cookie, setting a new cookie when it has none.</summary>
    public string ForForm(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(SessionCookies.Csrf, out var cookie) || !SessionIds.IsWellFormed(cookie))
        {
            cookie = SessionIds.New();
            SessionCookies.SetCsrf(context.Response, cookie);
        }

        return Sign(cookie);
    }

    /// <returns>True when the form's token is the HMAC of this request's CSRF cookie.</returns>
    public bool IsValid(HttpRequest request, string? formToken)
    {
        if (formToken is null || !request.Cookies.TryGetValue(SessionCookies.Csrf, out var cookie) || !SessionIds.IsWellFormed(cookie))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(cookie));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(formToken));
    }

    private string Sign(string cookie) => Base64Url.EncodeToString(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(cookie)));
}
