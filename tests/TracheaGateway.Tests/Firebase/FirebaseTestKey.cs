using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Trachea.Tests.Firebase;

/// <summary>An RSA key pair the test owns, published to the fake Google endpoint as a JWK.</summary>
internal sealed class FirebaseTestKey
{
    // Generating 2048-bit keys is slow; tests share these few pairs under their own kids.
    private static readonly Lazy<RSAParameters>[] Generated = [.. Enumerable.Range(0, 3).Select(_ => new Lazy<RSAParameters>(Generate))];

    private readonly RSAParameters _parameters;

    /// <param name="kid">The key id, or null for a key without one.</param>
    /// <param name="material">Which of the shared key pairs to use (0–2): different numbers, different keys.</param>
    public FirebaseTestKey(string? kid, int material = 0)
    {
        Kid = kid;
        _parameters = Generated[material].Value;
    }

    public string? Kid { get; }

    public RsaSecurityKey PrivateKey => new(_parameters) { KeyId = Kid };

    /// <summary>The public key as Google publishes it (kty, kid, use, alg, n, e).</summary>
    public Dictionary<string, string?> ToJwk() => new()
    {
        ["kty"] = "RSA",
        ["kid"] = Kid,
        ["use"] = "sig",
        ["alg"] = "RS256",
        ["n"] = Base64UrlEncoder.Encode(_parameters.Modulus),
        ["e"] = Base64UrlEncoder.Encode(_parameters.Exponent),
    };

    public byte[] PublicKeyPem()
    {
        using var rsa = RSA.Create(_parameters);
        return System.Text.Encoding.ASCII.GetBytes(rsa.ExportSubjectPublicKeyInfoPem());
    }

    private static RSAParameters Generate()
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportParameters(includePrivateParameters: true);
    }
}
