using Trachea.AuthEndpoints.Access;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Storage;

/// <summary>The store contract: every store implementation runs all of these against a fresh, empty store.</summary>
public abstract class StoreContractTests
{
    private protected static readonly CancellationToken None = CancellationToken.None;

    /// <summary>A new, initialised, empty store; each call may share nothing with earlier ones.</summary>
    private protected abstract Task<StoreUnderTest> OpenStoreAsync();

    [StoreFact]
    public async Task InsertUser_FindByEachKey_ReturnsEveryField()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", "alice@example.test", "firebase-alice", Membership("demo", Roles.Admin, Plans.Pro), Membership("shop")) with
        {
            Name = "Alice",
            Avatar = "https://example.test/a.png",
            Phone = "+15550100",
            DateOfBirth = "1990-01-31",
            Address = new Address("1 Main St", "Springfield", "IL", "US", "62701"),
        };

        await store.Users.InsertAsync(user, None);

        foreach (var found in new[]
        {
            await store.Users.FindByIdAsync(user.Id, None),
            await store.Users.FindByUsernameAsync("alice", None),
            await store.Users.FindByEmailAsync("alice@example.test", None),
            await store.Users.FindByFirebaseUidAsync("firebase-alice", None),
        })
        {
            AssertSameUser(user, found);
        }
    }

    [StoreFact]
    public async Task FindUser_UnknownKeys_ReturnsNull()
    {
        await using var store = await OpenStoreAsync();
        await store.Users.InsertAsync(User("alice", "alice@example.test", "firebase-alice"), None);

        Assert.Null(await store.Users.FindByIdAsync(NewId(), None));
        Assert.Null(await store.Users.FindByUsernameAsync("bob", None));
        Assert.Null(await store.Users.FindByEmailAsync("bob@example.test", None));
        Assert.Null(await store.Users.FindByFirebaseUidAsync("firebase-bob", None));
    }

    [StoreFact]
    public Task InsertUser_UsernameTaken_ThrowsUsernameTakenAndWritesNothing() => AssertInsertCollidesAsync(
        User("alice", "alice@example.test"), User("alice", "other@example.test", "firebase-other", Membership("shop")), ErrorCodes.UsernameTaken);

    [StoreFact]
    public Task InsertUser_EmailTaken_ThrowsEmailTakenAndWritesNothing() => AssertInsertCollidesAsync(
        User("alice", "alice@example.test"), User("bob", "alice@example.test", "firebase-bob", Membership("shop")), ErrorCodes.EmailTaken);

    [StoreFact]
    public Task InsertUser_FirebaseUidLinked_ThrowsValidationErrorAndWritesNothing() => AssertInsertCollidesAsync(
        User(email: "alice@example.test", firebaseUid: "firebase-alice"), User(email: "bob@example.test", firebaseUid: "firebase-alice"),
        ErrorCodes.ValidationError);

    [StoreFact]
    public async Task InsertUsers_WithoutEmailUsernameOrFirebaseUid_AllCoexist()
    {
        await using var store = await OpenStoreAsync();
        var users = Enumerable.Range(0, 5).Select(_ => User()).ToList();

        foreach (var user in users)
        {
            await store.Users.InsertAsync(user, None);
        }

        foreach (var user in users)
        {
            var found = await store.Users.FindByIdAsync(user.Id, None);
            Assert.NotNull(found);
            Assert.Null(found.Email);
            Assert.Null(found.Username);
            Assert.Null(found.FirebaseUid);
        }
    }

    [StoreFact]
    public async Task UpdateProfile_SomeFields_ChangesThoseAndKeepsTheRest()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", "alice@example.test") with { Name = "Alice", Phone = "+15550100" };
        await store.Users.InsertAsync(user, None);
        var address = new Address("2 Side St", "Shelbyville", null, "US", null);

        var updated = await store.Users.UpdateProfileAsync(
            user.Id, new ProfileChanges { Name = "Alice B", Address = address, Email = "alice.b@example.test" }, Now, None);

        Assert.NotNull(updated);
        Assert.Equal("Alice B", updated.Name);
        Assert.Equal(address, updated.Address);
        Assert.Equal("alice.b@example.test", updated.Email);
        Assert.Equal("+15550100", updated.Phone);
        Assert.Equal("alice", updated.Username);
        Assert.Equal(Now, updated.UpdatedAt);
        Assert.Equal(user.CreatedAt, updated.CreatedAt);
        AssertSameUser(updated, await store.Users.FindByEmailAsync("alice.b@example.test", None));
        Assert.Null(await store.Users.FindByEmailAsync("alice@example.test", None));
    }

    [StoreFact]
    public async Task UpdateProfile_EmailOfAnotherUser_ThrowsEmailTakenAndLeavesRowUnchanged()
    {
        await using var store = await OpenStoreAsync();
        await store.Users.InsertAsync(User("alice", "alice@example.test"), None);
        var bob = User("bob", "bob@example.test") with { Name = "Bob" };
        await store.Users.InsertAsync(bob, None);

        var failure = await Assert.ThrowsAsync<TracheaException>(() => store.Users.UpdateProfileAsync(
            bob.Id, new ProfileChanges { Name = "Robert", Email = "alice@example.test" }, Now, None));

        Assert.Equal(ErrorCodes.EmailTaken, failure.Error);
        AssertSameUser(bob, await store.Users.FindByIdAsync(bob.Id, None));
    }

    [StoreFact]
    public async Task UpdateProfile_UnknownUser_ReturnsNull()
    {
        await using var store = await OpenStoreAsync();

        var updated = await store.Users.UpdateProfileAsync(NewId(), new ProfileChanges { Name = "Nobody" }, Now, None);

        Assert.Null(updated);
    }

    [StoreFact]
    public async Task AddMembership_NewApp_AddsItAfterExistingOnes()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);
        var shop = new AppMembership("shop", Roles.Guest, Plans.Enterprise, Now);

        var updated = await store.Users.AddMembershipAsync(user.Id, shop, Now, None);

        Assert.NotNull(updated);
        Assert.Equal(["demo", "shop"], updated.Apps.Select(a => a.AppId));
        Assert.Equal(shop, updated.MembershipOf("shop"));
        Assert.Equal(Now, updated.UpdatedAt);
        Assert.Equal(shop, (await store.Users.FindByIdAsync(user.Id, None))?.MembershipOf("shop"));
    }

    [StoreFact]
    public async Task AddMembership_AppAlreadyJoined_KeepsTheExistingMembership()
    {
        await using var store = await OpenStoreAsync();
        var original = Membership("demo", Roles.Admin, Plans.Pro);
        var user = User("alice", apps: original);
        await store.Users.InsertAsync(user, None);

        var updated = await store.Users.AddMembershipAsync(user.Id, Membership("demo"), Now, None);

        Assert.NotNull(updated);
        Assert.Equal([original], updated.Apps);
    }

    [StoreFact]
    public async Task AddMembership_UnknownUser_ReturnsNull()
    {
        await using var store = await OpenStoreAsync();

        Assert.Null(await store.Users.AddMembershipAsync(NewId(), Membership("demo"), Now, None));
    }

    [StoreFact]
    public async Task UpdateMembership_RoleAndPlan_ChangesOnlyThatApp()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", apps: [Membership("demo"), Membership("shop")]);
        await store.Users.InsertAsync(user, None);

        var updated = await store.Users.UpdateMembershipAsync(user.Id, "shop", Roles.Admin, Plans.Pro, Now, None);

        Assert.NotNull(updated);
        Assert.Equal((Roles.Admin, Plans.Pro), (updated.MembershipOf("shop")?.Role, updated.MembershipOf("shop")?.Plan));
        Assert.Equal(Membership("demo"), updated.MembershipOf("demo"));
        Assert.Equal(Now, updated.UpdatedAt);
    }

    [StoreFact]
    public async Task UpdateMembership_NullRole_ChangesPlanOnly()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice", apps: Membership("demo", Roles.Admin, Plans.Free));
        await store.Users.InsertAsync(user, None);

        var updated = await store.Users.UpdateMembershipAsync(user.Id, "demo", null, Plans.Enterprise, Now, None);

        Assert.Equal(Membership("demo", Roles.Admin, Plans.Enterprise), updated?.MembershipOf("demo"));
    }

    [StoreFact]
    public async Task UpdateMembership_UnknownUserOrApp_ReturnsNull()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);

        Assert.Null(await store.Users.UpdateMembershipAsync(user.Id, "shop", Roles.Admin, null, Now, None));
        Assert.Null(await store.Users.UpdateMembershipAsync(NewId(), "demo", Roles.Admin, null, Now, None));
        Assert.Equal(user.UpdatedAt, (await store.Users.FindByIdAsync(user.Id, None))?.UpdatedAt);
    }

    [StoreFact]
    public async Task Deactivate_ExistingUser_MarksInactive()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);

        Assert.True(await store.Users.DeactivateAsync(user.Id, Now, None));

        var found = await store.Users.FindByIdAsync(user.Id, None);
        Assert.NotNull(found);
        Assert.False(found.IsActive);
        Assert.Equal(Now, found.UpdatedAt);
    }

    [StoreFact]
    public async Task Deactivate_UnknownUser_ReturnsFalse()
    {
        await using var store = await OpenStoreAsync();

        Assert.False(await store.Users.DeactivateAsync(NewId(), Now, None));
    }

    [StoreFact]
    public async Task ListMembers_PagesInIdOrderWithOnlyThatAppsMembers()
    {
        await using var store = await OpenStoreAsync();
        var members = new List<User>();
        for (var i = 0; i < 5; i++)
        {
            var member = User($"member{i}", apps: [Membership("other"), Membership("shop", Roles.Admin)]);
            members.Add(member);
            await store.Users.InsertAsync(member, None);
        }

        await store.Users.InsertAsync(User("outsider", apps: Membership("other")), None);
        var ordered = members.Select(m => m.Id).Order(StringComparer.Ordinal).ToList();

        var first = await store.Users.ListMembersAsync("shop", null, null, 3, None);
        var second = await store.Users.ListMembersAsync("shop", null, first[^1].Id, 3, None);

        Assert.Equal(ordered[..3], first.Select(u => u.Id));
        Assert.Equal(ordered[3..], second.Select(u => u.Id));
        Assert.All(first, u => Assert.Equal(["other", "shop"], u.Apps.Select(a => a.AppId)));
        Assert.Equal(Roles.Admin, first[0].MembershipOf("shop")!.Role);
        Assert.Empty(await store.Users.ListMembersAsync("nobody", null, null, 10, None));
    }

    [StoreFact]
    public async Task ListMembers_Prefix_MatchesStartOfUsernameEmailOrNameIgnoringCase()
    {
        await using var store = await OpenStoreAsync();
        var byUsername = User("carol", apps: Membership("shop"));
        var byEmail = User("zed", "caro.l@example.test", apps: Membership("shop"));
        var byName = User("yves", apps: Membership("shop")) with { Name = "Caroline" };
        var inside = User("mcarol", "mcarol@example.test", apps: Membership("shop")) with { Name = "Mc Carol" };
        var wildcard = User("c_x", apps: Membership("shop"));
        foreach (var user in new[] { byUsername, byEmail, byName, inside, wildcard })
        {
            await store.Users.InsertAsync(user, None);
        }

        var found = await store.Users.ListMembersAsync("shop", "CARO", null, 10, None);
        var literal = await store.Users.ListMembersAsync("shop", "c_", null, 10, None);

        Assert.Equal(new[] { byUsername.Id, byEmail.Id, byName.Id }.Order(StringComparer.Ordinal), found.Select(u => u.Id));
        Assert.Equal([wildcard.Id], literal.Select(u => u.Id));
    }

    [StoreFact]
    public async Task InsertApp_ThenFind_ReturnsEveryField()
    {
        await using var store = await OpenStoreAsync();
        var app = App("demo");

        Assert.True(await store.Apps.InsertAsync(app, None));

        AssertSameApp(app, await store.Apps.FindAsync("demo", None));
        Assert.Null(await store.Apps.FindAsync("other", None));
    }

    [StoreFact]
    public async Task InsertApp_DuplicateId_ReturnsFalseAndKeepsTheFirst()
    {
        await using var store = await OpenStoreAsync();
        var first = App("demo");
        await store.Apps.InsertAsync(first, None);

        Assert.False(await store.Apps.InsertAsync(App("demo") with { Name = "Impostor" }, None));

        AssertSameApp(first, await store.Apps.FindAsync("demo", None));
    }

    [StoreFact]
    public async Task ListApps_SeveralApps_ReturnsAllOrderedById()
    {
        await using var store = await OpenStoreAsync();
        Assert.Empty(await store.Apps.ListAsync(None));
        foreach (var id in new[] { "shop", "demo", "blog" })
        {
            await store.Apps.InsertAsync(App(id) with { Domains = [] }, None);
        }

        var apps = await store.Apps.ListAsync(None);

        Assert.Equal(["blog", "demo", "shop"], apps.Select(a => a.AppId));
        Assert.All(apps, a => Assert.Empty(a.Domains));
    }

    [StoreFact]
    public async Task SetActive_ExistingApp_TogglesIt()
    {
        await using var store = await OpenStoreAsync();
        await store.Apps.InsertAsync(App("demo"), None);

        Assert.True(await store.Apps.SetActiveAsync("demo", false, None));
        Assert.False((await store.Apps.FindAsync("demo", None))?.IsActive);
        Assert.True(await store.Apps.SetActiveAsync("demo", true, None));
        Assert.True((await store.Apps.FindAsync("demo", None))?.IsActive);
    }

    [StoreFact]
    public async Task InsertApp_WithoutSelfServicePlans_FindsFreeOnly()
    {
        await using var store = await OpenStoreAsync();
        var app = App("demo");
        await store.Apps.InsertAsync(new AppRegistration
        {
            AppId = app.AppId,
            Name = app.Name,
            SecretHash = app.SecretHash,
            AllowedAuthMethods = app.AllowedAuthMethods,
            CreatedAt = app.CreatedAt,
        }, None);

        Assert.Equal([Plans.Free], (await store.Apps.FindAsync("demo", None))?.SelfServicePlans);
    }

    [StoreFact]
    public async Task SetSelfServicePlans_ExistingApp_ReplacesThemOnlyForThatApp()
    {
        await using var store = await OpenStoreAsync();
        await store.Apps.InsertAsync(App("demo"), None);
        await store.Apps.InsertAsync(App("shop"), None);

        Assert.True(await store.Apps.SetSelfServicePlansAsync("demo", [Plans.Free, Plans.Pro, Plans.Enterprise], None));

        Assert.Equal([Plans.Free, Plans.Pro, Plans.Enterprise], (await store.Apps.FindAsync("demo", None))?.SelfServicePlans);
        Assert.Equal([Plans.Free, Plans.Pro], (await store.Apps.FindAsync("shop", None))?.SelfServicePlans);
        Assert.True(await store.Apps.SetSelfServicePlansAsync("demo", [Plans.Free], None));
        Assert.Equal([Plans.Free], (await store.Apps.ListAsync(None)).Single(a => a.AppId == "demo").SelfServicePlans);
    }

    [StoreFact]
    public async Task SetSelfServicePlans_UnknownApp_ReturnsFalse()
    {
        await using var store = await OpenStoreAsync();

        Assert.False(await store.Apps.SetSelfServicePlansAsync("nope", [Plans.Free], None));
        Assert.Empty(await store.Apps.ListAsync(None));
    }

    [StoreFact]
    public async Task SetActive_UnknownApp_ReturnsFalse()
    {
        await using var store = await OpenStoreAsync();

        Assert.False(await store.Apps.SetActiveAsync("nope", false, None));
    }

    [StoreFact]
    public async Task Redeem_FreshToken_RedeemedThenReused()
    {
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);

        var first = await store.Tokens.RedeemAsync(token.TokenHash, Now, None);
        var second = await store.Tokens.RedeemAsync(token.TokenHash, Now.AddSeconds(1), None);

        Assert.Equal(RedemptionOutcome.Redeemed, first.Outcome);
        Assert.Equal(token with { UsedAt = Now }, first.Token);
        Assert.Equal(RedemptionOutcome.Reused, second.Outcome);
        Assert.Equal(token with { UsedAt = Now }, second.Token);
    }

    [StoreFact]
    public async Task Redeem_ExpiredToken_Invalid()
    {
        await using var store = await OpenStoreAsync();
        var token = Token(NewId(), expiresAt: Now.AddDays(1));
        await store.Tokens.InsertAsync(token, None);

        Assert.Equal(RefreshTokenRedemption.Invalid, await store.Tokens.RedeemAsync(token.TokenHash, Now.AddDays(1), None));
        Assert.Equal(RefreshTokenRedemption.Invalid, await store.Tokens.RedeemAsync(token.TokenHash, Now.AddDays(2), None));
    }

    [StoreFact]
    public async Task Redeem_RevokedToken_Invalid()
    {
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);
        await store.Tokens.RevokeAllForUserAsync(token.UserId, Now, None);

        Assert.Equal(RefreshTokenRedemption.Invalid, await store.Tokens.RedeemAsync(token.TokenHash, Now, None));
    }

    [StoreFact]
    public async Task Redeem_UnknownToken_Invalid()
    {
        await using var store = await OpenStoreAsync();

        Assert.Equal(RefreshTokenRedemption.Invalid, await store.Tokens.RedeemAsync(NewTokenHash(), Now, None));
    }

    [StoreFact]
    public async Task RevokeAll_UserWithTokens_RevokesOnlyThatUsersUnrevokedTokens()
    {
        await using var store = await OpenStoreAsync();
        var userId = NewId();
        var mine = new[] { Token(userId), Token(userId), Token(userId) with { RevokedAt = Now.AddHours(-1) } };
        var theirs = Token(NewId());
        foreach (var token in mine.Append(theirs))
        {
            await store.Tokens.InsertAsync(token, None);
        }

        Assert.Equal(2, await store.Tokens.RevokeAllForUserAsync(userId, Now, None));

        foreach (var token in mine)
        {
            Assert.Equal(RefreshTokenRedemption.Invalid, await store.Tokens.RedeemAsync(token.TokenHash, Now, None));
        }

        Assert.Equal(RedemptionOutcome.Redeemed, (await store.Tokens.RedeemAsync(theirs.TokenHash, Now, None)).Outcome);
        Assert.Equal(0, await store.Tokens.RevokeAllForUserAsync(NewId(), Now, None));
    }

    [StoreFact]
    public async Task Redeem_TwentyConcurrentCallsWithOneHash_ExactlyOneRedeemed()
    {
        const int callers = 20;
        await using var store = await OpenStoreAsync();
        var token = Token(NewId());
        await store.Tokens.InsertAsync(token, None);
        using var start = new Barrier(callers);

        // A thread each, released together, so the calls really overlap on separate connections.
        var calls = Enumerable.Range(0, callers).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return store.Tokens.RedeemAsync(token.TokenHash, Now, None);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap());
        var outcomes = await Task.WhenAll(calls);

        Assert.Single(outcomes, o => o.Outcome == RedemptionOutcome.Redeemed);
        Assert.Equal(callers - 1, outcomes.Count(o => o.Outcome == RedemptionOutcome.Reused));
    }

    [StoreFact]
    public async Task Lifecycle_InitializedStore_PingsAndInitializesAgain()
    {
        await using var store = await OpenStoreAsync();
        var user = User("alice");
        await store.Users.InsertAsync(user, None);

        Assert.True(await store.Lifecycle.PingAsync(None));
        await store.Lifecycle.InitializeAsync(None);

        AssertSameUser(user, await store.Users.FindByUsernameAsync("alice", None));
    }

    private protected static void AssertSameUser(User expected, User? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.Id, expected.FirebaseUid, expected.Email, expected.Username, expected.PasswordHash, expected.Name, expected.Avatar),
            (actual.Id, actual.FirebaseUid, actual.Email, actual.Username, actual.PasswordHash, actual.Name, actual.Avatar));
        Assert.Equal(
            (expected.Provider, expected.Phone, expected.DateOfBirth, expected.Address, expected.IsActive, expected.CreatedAt, expected.UpdatedAt),
            (actual.Provider, actual.Phone, actual.DateOfBirth, actual.Address, actual.IsActive, actual.CreatedAt, actual.UpdatedAt));
        Assert.Equal(expected.Apps, actual.Apps);
    }

    private static void AssertSameApp(AppRegistration expected, AppRegistration? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            (expected.AppId, expected.Name, expected.SecretHash, expected.IsActive, expected.CreatedAt),
            (actual.AppId, actual.Name, actual.SecretHash, actual.IsActive, actual.CreatedAt));
        Assert.Equal(expected.Domains, actual.Domains);
        Assert.Equal(expected.AllowedAuthMethods, actual.AllowedAuthMethods);
        Assert.Equal(expected.SelfServicePlans, actual.SelfServicePlans);
    }

    /// <summary>Inserting <paramref name="second"/> after <paramref name="existing"/> fails with the code and leaves no trace of it.</summary>
    private async Task AssertInsertCollidesAsync(User existing, User second, ErrorCode expected)
    {
        await using var store = await OpenStoreAsync();
        await store.Users.InsertAsync(existing, None);

        var failure = await Assert.ThrowsAsync<TracheaException>(() => store.Users.InsertAsync(second, None));

        Assert.Equal(expected, failure.Error);
        Assert.Null(await store.Users.FindByIdAsync(second.Id, None));
        if (second.Email is { } email)
        {
            Assert.Equal(existing.Email == email ? existing.Id : null, (await store.Users.FindByEmailAsync(email, None))?.Id);
        }

        if (second.FirebaseUid is { } firebaseUid)
        {
            Assert.Equal(existing.FirebaseUid == firebaseUid ? existing.Id : null, (await store.Users.FindByFirebaseUidAsync(firebaseUid, None))?.Id);
        }
    }
}
