using System.Security.Claims;
using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

public sealed class IdentityTableTests
{
    [Fact]
    public void Add_UpToCapacity_GrowsAndFindsEveryIdentity()
    {
        var table = new IdentityTable(capacity: 10_000);
        var identities = Enumerable.Range(0, 10_000).Select(i => Keyed((ulong)i * 7919, (ulong)i)).ToList();

        identities.ForEach(table.Add);

        Assert.Equal(10_000, table.Count);
        Assert.All(identities, identity => Assert.Same(identity, table.Find(identity.CacheKey)));
        Assert.Null(table.Find(new TokenKey(3, 99_999)));
    }

    [Fact]
    public void Find_SameSignatureBitsOtherValue_IsAnotherEntry()
    {
        var table = new IdentityTable(capacity: 16);
        var first = Keyed(42, 1);
        var second = Keyed(42, 2);

        table.Add(first);
        table.Add(second);

        Assert.Same(first, table.Find(new TokenKey(42, 1)));
        Assert.Same(second, table.Find(new TokenKey(42, 2)));
        Assert.Null(table.Find(new TokenKey(42, 3)));
    }

    [Fact]
    public void Add_AKeyKeptAlready_KeepsTheFirstIdentity()
    {
        var table = new IdentityTable(capacity: 16);
        var first = Keyed(5, 5);

        table.Add(first);
        table.Add(Keyed(5, 5));

        Assert.Equal(1, table.Count);
        Assert.Same(first, table.Find(new TokenKey(5, 5)));
    }

    [Fact]
    public void Add_BeyondWhatTheLargestArrayHolds_IsRefusedNotLooped()
    {
        var table = new IdentityTable(capacity: 3);

        for (var i = 0; i < 100; i++)
        {
            table.Add(Keyed((ulong)i, (ulong)i));
        }

        // Capacity 3 takes an array of 8 slots, which stops taking entries at three quarters.
        Assert.Equal(6, table.Count);
        Assert.Null(table.Find(new TokenKey(99, 99)));
    }

    [Fact]
    public async Task AddAndFind_FromManyThreads_NeverFindAnotherKeysIdentity()
    {
        var table = new IdentityTable(capacity: 40_000);
        var identities = Enumerable.Range(0, 40_000).Select(i => Keyed((ulong)i * 2654435761, (ulong)i)).ToArray();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(thread => Task.Run(() =>
        {
            for (var i = thread; i < identities.Length; i += 4)
            {
                table.Add(identities[i]);
                var found = table.Find(identities[i - (i % 8)].CacheKey);
                Assert.True(found is null || found == identities[i - (i % 8)]);
            }
        })));

        // An addition that raced a doubling may have been lost; added again, it is kept.
        foreach (var identity in identities)
        {
            table.Add(identity);
        }

        Assert.All(identities, identity => Assert.Same(identity, table.Find(identity.CacheKey)));
    }

    private static GatewayIdentity Keyed(ulong signature, ulong value)
    {
        var identity = GatewayIdentity.From(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "u1")], "Bearer")));
        Assert.True(identity.TryTakeCacheKey(new TokenKey(signature, value)));
        return identity;
    }
}
