using System.Security.Claims;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Revocation;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.Tests.Revocation;

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
}
