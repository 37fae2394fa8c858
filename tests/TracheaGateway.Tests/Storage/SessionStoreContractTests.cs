using Trachea.AuthEndpoints.Storage;
using static Trachea.Tests.Storage.StoreTestData;

namespace Trachea.Tests.Storage;

/// <summary>The browser-session part of the store contract, for every store.</summary>
public abstract class SessionStoreContractTests
{
    private protected static readonly CancellationToken None = CancellationToken.None;

    private protected abstract Task<(ISessionStore Sessions, IAsyncDisposable Release)> OpenAsync();

    [StoreFact]
    public async Task Insert_ThenFind_ReturnsTheSessionUntilItExpires()
    {
        var (sessions, release) = await OpenAsync();
        await using var _ = release;
        var session = Session("u1", "demo");

        await sessions.InsertAsync(session, None);

        Assert.Equal(session, await sessions.FindAsync(session.IdHash, Now, None));
        Assert.Null(await sessions.FindAsync(session.IdHash, session.ExpiresAt, None));
        Assert.Null(await sessions.FindAsync("unknown", Now, None));
    }

    [StoreFact]
    public async Task Insert_SameIdHashTwice_Fails()
    {
        var (sessions, release) = await OpenAsync();
        await using var _ = release;
        var session = Session("u1", "demo");
        await sessions.InsertAsync(session, None);

        await Assert.ThrowsAnyAsync<Exception>(() => sessions.InsertAsync(session with { UserId = "u2" }, None));
    }

    [StoreFact]
    public async Task Touch_MovesLastSeenForwardOnlyAndSetsExpiry()
    {
        var (sessions, release) = await OpenAsync();
        await using var _ = release;
        var session = Session("u1", "demo");
        await sessions.InsertAsync(session, None);

        await sessions.TouchAsync(session.IdHash, Now.AddHours(2), Now.AddHours(200), None);
        await sessions.TouchAsync(session.IdHash, Now.AddHours(1), Now.AddHours(300), None);

        var touched = await sessions.FindAsync(session.IdHash, Now, None);
        Assert.Equal((Now.AddHours(2), Now.AddHours(300)), (touched!.LastSeenAt, touched.ExpiresAt));
    }

    [StoreFact]
    public async Task Delete_OneAndForUser_RemoveOnlyTheNamedSessions()
    {
        var (sessions, release) = await OpenAsync();
        await using var _ = release;
        var one = Session("u1", "demo");
        var sameUserOtherApp = Session("u1", "shop");
        var sameUserSameApp = Session("u1", "demo");
        var otherUser = Session("u2", "demo");
        foreach (var session in new[] { one, sameUserOtherApp, sameUserSameApp, otherUser })
        {
            await sessions.InsertAsync(session, None);
        }

        Assert.True(await sessions.DeleteAsync(one.IdHash, None));
        Assert.False(await sessions.DeleteAsync(one.IdHash, None));
        Assert.Equal(1, await sessions.DeleteForUserAsync("u1", "demo", None));
        Assert.NotNull(await sessions.FindAsync(sameUserOtherApp.IdHash, Now, None));
        Assert.Equal(1, await sessions.DeleteForUserAsync("u1", null, None));
        Assert.NotNull(await sessions.FindAsync(otherUser.IdHash, Now, None));
    }

    private static BrowserSession Session(string userId, string appId) => new()
    {
        IdHash = NewId() + NewId(),
        UserId = userId,
        AppId = appId,
        Sid = NewId(),
        CreatedAt = Now,
        LastSeenAt = Now,
        ExpiresAt = Now.AddHours(168),
    };
}
