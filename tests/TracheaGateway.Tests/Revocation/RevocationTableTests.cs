using System.Globalization;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Tokens;
using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Revocation;

/// <summary>
/// The revocation table, and a cached identity checked against it with its ids as it keeps them (bytes, written on
/// the stack, or text): entries keyed by the ids as the store writes them are found either way, ordinally.
/// </summary>
public sealed class RevocationTableTests
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly RevocationTable _table = new(Options.Create(new TracheaOptions { AccessTokenExpireMinutes = 15 }));

    [Theory]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    public void IsRevoked_VersionAgainstTheMinimum_OnlyBelowIsRevoked(int version, bool revoked)
    {
        _table.Apply(new RevocationEntry(1, "u1", "demo", 3, null, Now));

        Assert.Equal(revoked, _table.IsRevoked("u1", "demo", version, "sid"));
    }

    [Fact]
    public void IsRevoked_OtherUserOrApp_NotRevoked()
    {
        _table.Apply(new RevocationEntry(1, "u1", "demo", 3, null, Now));

        Assert.False(_table.IsRevoked("u2", "demo", 0, null));
        Assert.False(_table.IsRevoked("u1", "shop", 0, null));
    }

    [Fact]
    public void Apply_EntriesOutOfOrder_KeepsTheHighestMinimum()
    {
        _table.Apply(new RevocationEntry(2, "u1", "demo", 5, null, Now));
        _table.Apply(new RevocationEntry(1, "u1", "demo", 2, null, Now.AddSeconds(-1)));

        Assert.True(_table.IsRevoked("u1", "demo", 4, null));
    }

    [Fact]
    public void IsRevoked_RevokedSid_EndsThatSessionOnly()
    {
        _table.Apply(new RevocationEntry(1, "u1", "demo", null, "sid-a", Now));

        Assert.True(_table.IsRevoked("u1", "demo", 0, "sid-a"));
        Assert.False(_table.IsRevoked("u1", "demo", 0, "sid-b"));
        Assert.False(_table.IsRevoked("u1", "demo", 0, null));
    }

    [Fact]
    public void Prune_EntriesOlderThanLifetimePlusSkew_AreDroppedYoungerKept()
    {
        _table.Apply(new RevocationEntry(1, "u1", "demo", 3, null, Now));
        _table.Apply(new RevocationEntry(2, "u2", "demo", null, "sid", Now.AddMinutes(1)));

        _table.Prune(Now + _table.Retention);
        Assert.Equal(2, _table.Count);

        _table.Prune(Now + _table.Retention + TimeSpan.FromSeconds(1));
        Assert.False(_table.IsRevoked("u1", "demo", 0, null));
        Assert.True(_table.IsRevoked("u2", "demo", 0, "sid"));
        Assert.Equal(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(30), _table.Retention);
    }

    [Fact]
    public void IsRevoked_Principal_ReadsSubAppVerAndSid_MissingVerIsZero()
    {
        _table.Apply(new RevocationEntry(1, "u1", "demo", 1, null, Now));
        static ClaimsPrincipal Token(params (string Type, string Value)[] claims) =>
            new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "test"));

        Assert.True(_table.IsRevoked(Token(("sub", "u1"), ("app_id", "demo"))));
        Assert.True(_table.IsRevoked(Token(("sub", "u1"), ("app_id", "demo"), ("ver", "0"))));
        Assert.False(_table.IsRevoked(Token(("sub", "u1"), ("app_id", "demo"), ("ver", "1"))));
    }

    public static TheoryData<string, string> Ids => new()
    {
        { "65f1c0de0123456789abcdef", "0123456789abcdef0123456789abcdef" }, // the gateway's ids: kept as bytes
        { "firebase-uid:Zoë", "sid-as-text" }, // kept as text
        { "65F1C0DE0123456789ABCDEF", "0123456789ABCDEF0123456789ABCDEF" }, // upper case: kept as text
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Identity_VersionBelowTheMinimum_IsRevoked_ForThatUserAndAppOnly(string userId, string sid)
    {
        _table.Apply(new RevocationEntry(1, userId, "demo", 3, null, Now));

        Assert.True(Identity(userId, "demo", 2, sid).IsRevokedIn(_table));
        Assert.False(Identity(userId, "demo", 3, sid).IsRevokedIn(_table));
        Assert.False(Identity(userId, "shop", 2, sid).IsRevokedIn(_table));
        Assert.False(Identity("65f1c0de0123456789abcde0", "demo", 2, sid).IsRevokedIn(_table));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Identity_RevokedSession_EndsThatSessionOnly_WhateverTheUser(string userId, string sid)
    {
        _table.Apply(new RevocationEntry(1, userId, "demo", null, sid, Now));

        Assert.True(Identity(userId, "demo", 0, sid).IsRevokedIn(_table));
        Assert.True(Identity("another-user", "demo", 0, sid).IsRevokedIn(_table));
        Assert.False(Identity(userId, "demo", 0, "0123456789abcdef0123456789abcde0").IsRevokedIn(_table));
        Assert.False(Identity(userId, "demo", 0, null).IsRevokedIn(_table));
    }

    [Fact]
    public void Identity_IdsComparedOrdinally_AnUpperCaseEntryDoesNotRevokeLowerCaseIds()
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
