using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.Tests.Assertions;

public sealed class SigningKeyProtectorTests
{
    private static readonly byte[] PrivateKey = RandomNumberGenerator.GetBytes(138);

    [Fact]
    public void Protect_ThenUnprotect_GivesTheKeyBack_EachTimeUnderAFreshNonce()
    {
        var protector = Protector(new string('a', 40));

        var once = protector.Protect("kid-1", PrivateKey);
        var twice = protector.Protect("kid-1", PrivateKey);

        Assert.Equal(PrivateKey, protector.Unprotect("kid-1", once));
        Assert.NotEqual(once, twice);
    }

    [Fact]
    public void Unprotect_OtherSecretOtherKidOrAlteredText_IsNull()
    {
        var sealedKey = Protector(new string('a', 40)).Protect("kid-1", PrivateKey);
        var altered = sealedKey[..^2] + (sealedKey[^2] == 'A' ? "B" : "A") + sealedKey[^1];

        Assert.Null(Protector(new string('b', 40)).Unprotect("kid-1", sealedKey));
        Assert.Null(Protector(new string('a', 40)).Unprotect("kid-2", sealedKey));
        Assert.Null(Protector(new string('a', 40)).Unprotect("kid-1", altered));
        Assert.Null(Protector(new string('a', 40)).Unprotect("kid-1", "v1.not*base64"));
        Assert.Null(Protector(new string('a', 40)).Unprotect("kid-1", Convert.ToBase64String(PrivateKey)));
    }

    private static SigningKeyProtector Protector(string secret) => new(Options.Create(new TracheaOptions { JwtSecret = secret }));
}
