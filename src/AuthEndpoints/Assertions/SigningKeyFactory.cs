using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>Makes new P-256 keys for the ring: the public JWK, its RFC 7638 thumbprint as kid, the private key encrypted.</summary>
internal sealed class SigningKeyFactory(SigningKeyProtector protector)
{
    public SigningKeyRecord Create(DateTimeOffset now, DateTimeOffset signsFrom)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var x = Base64Url.EncodeToString(parameters.Q.X);
        var y = Base64Url.EncodeToString(parameters.Q.Y);
        var kid = Thumbprint(x, y);
        var privateKey = key.ExportPkcs8PrivateKey();
        try
        {
            return new SigningKeyRecord(kid, PublicJwk.Write(new PublicJwk(kid, x, y)), protector.Protect(kid, privateKey), now, signsFrom);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    /// <summary>RFC 7638: SHA-256 of the required members in lexicographic order, without whitespace, base64url.</summary>
    public static string Thumbprint(string x, string y)
    {
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
