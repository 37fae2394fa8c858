using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;
using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

/// <summary>
/// A cached identity is checked against the revocation table with its ids as it keeps them (bytes, written on the
/// stack, or text): the table's entries, keyed by the ids as the store writes them, are found either way, ordinally.
/// </summary>
public sealed class IdentityRevocationTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RevocationTable _table = new(Options.Create(new TracheaOptions { AccessTokenExpireMinutes = 15 }));

    public static TheoryData<string, string> Ids => new()
    {
        { "65f1c0de0123456789abcdef", "0123456789abcdef0123456789abcdef" }, // the gateway's ids: kept as bytes
        { "firebase-uid:Zoë", "sid-as-text" }, // kept as text
        { "65F1C0DE0123456789ABCDEF", "0123456789ABCDEF0123456789ABCDEF" }, // upper case: kept as text
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void VersionBelowTheMinimum_IsRevoked_ForThatUserAndAppOnly(string userId, string sid)
    {
        _table.Apply(new RevocationEntry(1, userId, "demo", 3, null, Now));

        Assert.True(Identity(userId, "demo", 2, sid).IsRevokedIn(_table));
        Assert.False(Identity(userId, "demo", 3, sid).IsRevokedIn(_table));
        Assert.False(Identity(userId, "shop", 2, sid).IsRevokedIn(_table));
        Assert.False(Identity("65f1c0de0123456789abcde0", "demo", 2, sid).IsRevokedIn(_table));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void RevokedSession_EndsThatSessionOnly(string userId, string sid)
    {
        _table.Apply(new RevocationEntry(1, userId, "demo", null, sid, Now));

        Assert.True(Identity(userId, "demo", 0, sid).IsRevokedIn(_table));
        Assert.True(Identity("another-user", "demo", 0, sid).IsRevokedIn(_table));
        Assert.False(Identity(userId, "demo", 0, "0123456789abcdef0123456789abcde0").IsRevokedIn(_table));
        Assert.False(Identity(userId, "demo", 0, null).IsRevokedIn(_table));
    }

    [Fact]
    public void Ids_AreComparedOrdinally_AnUpperCaseEntryDoesNotRevokeLowerCaseIds()
    {
        _table.Apply(new RevocationEntry(1, "65F1C0DE0123456789ABCDEF", "demo", 3, "0123456789ABCDEF0123456789ABCDEF", Now));

        Assert.False(Identity("65f1c0de0123456789abcdef", "demo", 2, "0123456789abcdef0123456789abcdef").IsRevokedIn(_table));
    }

    private static GatewayIdentity Identity(string userId, string appId, int version, string? sid)
    {
        List<Claim> claims =
        [
            new(TokenClaims.Subject, userId),
            new(TokenClaims.AppId, appId),
            new(TokenClaims.Version, version.ToString(CultureInfo.InvariantCulture)),
            new(TokenClaims.Expires, Now.AddMinutes(15).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ];
        if (sid is not null)
        {
            claims.Add(new Claim(TokenClaims.SessionId, sid));
        }

        return GatewayIdentity.From(new ClaimsPrincipal(new ClaimsIdentity(claims)));
    }
}
