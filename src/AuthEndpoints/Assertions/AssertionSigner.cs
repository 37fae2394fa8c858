using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Trachea.AuthEndpoints.Assertions;

/// <summary>One decrypted ring key that may sign: its kid and ES256 credentials. One instance per kid, kept across reloads.</summary>
internal sealed class AssertionSigner(string kid, DateTimeOffset signsFrom, ECDsa key)
{
    public string Kid { get; } = kid;

    public DateTimeOffset SignsFrom { get; } = signsFrom;

    public SigningCredentials Credentials { get; } = new(new ECDsaSecurityKey(key) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);
}
