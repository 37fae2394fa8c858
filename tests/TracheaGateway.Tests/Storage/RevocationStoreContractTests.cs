using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Storage;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Storage;

/// <summary>The revocation feed and refresh rotation parts of the store contract, for every store.</summary>
public abstract class RevocationStoreContractTests
{
    private protected static readonly CancellationToken None = CancellationToken.None;

    private protected abstract Task<StoreUnderTest> OpenStoreAsync();

    [StoreFact]
    public async Task RevokeMemberships_OneApp_RaisesThatVersionOnlyAndAppendsOneEntry()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", null, null, Membership("demo"), Membership("shop"));
        await store.Users.InsertAsync(user, None);

        var entries = await store.Revocations.RevokeMembershipsAsync(user.Id, "demo", Now, None);

        var entry = Assert.Single(entries);
        Assert.Equal((user.Id, "demo", (int?)1, (string?)null, Now), (entry.UserId, entry.AppId, entry.MinVersion, entry.Sid, entry.CreatedAt));
        var stored = await store.Users.FindByIdAsync(user.Id, None);
        Assert.Equal(1, stored!.MembershipOf("demo")!.Version);
        Assert.Equal(0, stored.MembershipOf("shop")!.Version);
    }

    [StoreFact]
    public async Task RevokeMemberships_EveryApp_RaisesEachAndAppendsOneEntryPerMembershipInSeqOrder()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", null, null, Membership("demo"), Membership("shop"));
        await store.Users.InsertAsync(user, None);
        await store.Revocations.RevokeMembershipsAsync(user.Id, "shop", Now, None);

        var entries = await store.Revocations.RevokeMembershipsAsync(user.Id, null, Now, None);

        Assert.Equal([("demo", 1), ("shop", 2)], entries.Select(e => (e.AppId, e.MinVersion!.Value)).OrderBy(e => e.AppId));
        Assert.True(entries[1].Seq > entries[0].Seq);
        var stored = await store.Users.FindByIdAsync(user.Id, None);
        Assert.Equal([1, 2], stored!.Apps.OrderBy(a => a.AppId).Select(a => a.Version));
    }

    [StoreFact]
    public async Task RevokeMemberships_UnknownUserOrApp_AppendsNothing()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);

        Assert.Empty(await store.Revocations.RevokeMembershipsAsync(NewId(), null, Now, None));
        Assert.Empty(await store.Revocations.RevokeMembershipsAsync(user.Id, "shop", Now, None));
        Assert.Empty(await store.Revocations.ReadAsync(0, Now.AddDays(-1), 100, None));
    }

    [StoreFact]
    public async Task MembershipVersion_KeptByRoleChangesAndRead_NewMembershipStartsAtZero()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);
        await store.Revocations.RevokeMembershipsAsync(user.Id, "demo", Now, None);

        await store.Users.UpdateMembershipAsync(user.Id, "demo", Roles.Admin, Plans.Pro, Now, None);
        var joined = await store.Users.AddMembershipAsync(user.Id, Membership("shop"), Now, None);

        Assert.Equal(1, joined!.MembershipOf("demo")!.Version);
        Assert.Equal(0, joined.MembershipOf("shop")!.Version);
    }

    [StoreFact]
    public async Task RevokeSession_AppendsAnEntryForThatSidOnly()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);

        var entry = await store.Revocations.RevokeSessionAsync(user.Id, "demo", "sid-1", Now, None);

        Assert.Equal((user.Id, "demo", (int?)null, "sid-1"), (entry.UserId, entry.AppId, entry.MinVersion, entry.Sid));
        Assert.Equal(0, (await store.Users.FindByIdAsync(user.Id, None))!.MembershipOf("demo")!.Version);
        Assert.Equal(entry, Assert.Single(await store.Revocations.ReadAsync(0, Now.AddMinutes(-1), 100, None)));
    }

    [StoreFact]
    public async Task ReadRevocations_ReturnsEntriesAfterSeqCreatedSinceInSeqOrderUpToLimit()
    {
        await using var store = await OpenStoreAsync();
        var old = await store.Revocations.RevokeSessionAsync(NewId(), "demo", "old", Now.AddHours(-1), None);
        var appended = new List<RevocationEntry>();
        for (var i = 0; i < 5; i++)
        {
            appended.Add(await store.Revocations.RevokeSessionAsync(NewId(), "demo", $"sid-{i}", Now, None));
        }

        Assert.Equal(appended, await store.Revocations.ReadAsync(0, Now.AddMinutes(-1), 100, None));
        Assert.Equal(appended[2..], await store.Revocations.ReadAsync(appended[1].Seq, Now.AddMinutes(-1), 100, None));
        Assert.Equal(appended[..2], await store.Revocations.ReadAsync(0, Now.AddMinutes(-1), 2, None));
        Assert.Equal(old, (await store.Revocations.ReadAsync(0, Now.AddDays(-1), 100, None))[0]);
        Assert.Empty(await store.Revocations.ReadAsync(appended[^1].Seq, Now.AddDays(-1), 100, None));
    }

    [StoreFact]
    public async Task DeleteRevocationsBefore_RemovesOnlyOlderEntries()
    {
        await using var store = await OpenStoreAsync();
        await store.Revocations.RevokeSessionAsync(NewId(), "demo", "old", Now.AddHours(-1), None);
        var young = await store.Revocations.RevokeSessionAsync(NewId(), "demo", "young", Now, None);

        Assert.Equal(1, await store.Revocations.DeleteBeforeAsync(Now.AddMinutes(-1), None));

        Assert.Equal(young, Assert.Single(await store.Revocations.ReadAsync(0, Now.AddDays(-1), 100, None)));
    }

    [StoreFact]
    public async Task Rotate_FreshToken_StoresTheSuccessorInTheSameFamily()
    {
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);
        var successorHash = NewTokenHash();

        var rotated = await store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now, None);
        var next = await store.Tokens.RedeemAsync(successorHash, Now, None);

        Assert.Equal(RedemptionOutcome.Redeemed, rotated.Outcome);
        Assert.Equal(RedemptionOutcome.Redeemed, next.Outcome);
        Assert.Equal((token.UserId, token.AppId, token.FamilyId, Now.AddDays(30)), (next.Token!.UserId, next.Token.AppId, next.Token.FamilyId, next.Token.ExpiresAt));
    }

    [StoreFact]
    public async Task Rotate_UsedToken_ReusedSaysWhetherItsSuccessorIsStillLive()
    {
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);
        var successorHash = NewTokenHash();
        await store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now, None);

        var whileLive = await store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now.AddSeconds(1), None);
        await store.Tokens.RedeemAsync(successorHash, Now.AddSeconds(2), None);
        var afterSuccessorUsed = await store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now.AddSeconds(3), None);

        Assert.Equal((RedemptionOutcome.Reused, true), (whileLive.Outcome, whileLive.SuccessorLive));
        Assert.Equal((RedemptionOutcome.Reused, false), (afterSuccessorUsed.Outcome, afterSuccessorUsed.SuccessorLive));
    }

    [StoreFact]
    public async Task Rotate_UsedTokenAfterRevokeAll_SuccessorNotLive()
    {
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);
        var successorHash = NewTokenHash();
        await store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now, None);
        await store.Tokens.RevokeAllForUserAsync(token.UserId, Now, None);

        var again = await store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now.AddSeconds(1), None);

        Assert.Equal((RedemptionOutcome.Reused, false), (again.Outcome, again.SuccessorLive));
    }

    [StoreFact]
    public async Task Rotate_TwentyConcurrentCallsWithOneSuccessor_OneRedeemedTheOthersSeeItLive()
    {
        const int callers = 20;
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);
        var successorHash = NewTokenHash();
        using var start = new Barrier(callers);

        var calls = Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return store.Tokens.RotateAsync(token.TokenHash, successorHash, Now.AddDays(30), Now, None);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap());
        var outcomes = await Task.WhenAll(calls);

        Assert.Single(outcomes, o => o.Outcome == RedemptionOutcome.Redeemed);
        Assert.All(outcomes.Where(o => o.Outcome != RedemptionOutcome.Redeemed), o => Assert.Equal((RedemptionOutcome.Reused, true), (o.Outcome, o.SuccessorLive)));
    }

    [StoreFact]
    public async Task RevokeRefreshTokensForApp_RevokesOnlyThatAppsTokensOfThatUser()
    {
        await using var store = await OpenStoreAsync();
        var userId = NewId();
        var demo = Token(userId);
        var shop = Token(userId) with { AppId = "shop" };
        var other = Token(NewId());
        foreach (var token in new[] { demo, shop, other })
        {
            await store.Tokens.InsertAsync(token, None);
        }

        Assert.Equal(1, await store.Tokens.RevokeForAppAsync(userId, "demo", Now, None));

        Assert.Equal(RedemptionOutcome.Invalid, (await store.Tokens.RedeemAsync(demo.TokenHash, Now, None)).Outcome);
        Assert.Equal(RedemptionOutcome.Redeemed, (await store.Tokens.RedeemAsync(shop.TokenHash, Now, None)).Outcome);
        Assert.Equal(RedemptionOutcome.Redeemed, (await store.Tokens.RedeemAsync(other.TokenHash, Now, None)).Outcome);
    }

    [StoreFact]
    public async Task SetBlocked_BlocksOneMembershipAndUnblocks()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", null, null, Membership("demo"), Membership("shop"));
        await store.Users.InsertAsync(user, None);

        var blocked = await store.Users.SetBlockedAsync(user.Id, "demo", Now, Now, None);
        var unblocked = await store.Users.SetBlockedAsync(user.Id, "demo", null, Now, None);

        Assert.Equal(Now, blocked!.MembershipOf("demo")!.BlockedAt);
        Assert.Null(blocked.MembershipOf("shop")!.BlockedAt);
        Assert.Null(unblocked!.MembershipOf("demo")!.BlockedAt);
        Assert.Null(await store.Users.SetBlockedAsync(user.Id, "other", Now, Now, None));
        Assert.Null(await store.Users.SetBlockedAsync(NewId(), "demo", Now, Now, None));
    }
}
