using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Trachea.AuthEndpoints.Storage.Sqlite;
using Trachea.Tests.Firebase;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Sessions;

/// <summary>A session's cached identity, its idle and absolute limits, on a clock the test moves (real Kestrel).</summary>
public sealed class SessionLimitsTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly StoreReads _reads = new();
    private readonly RecordingBackend _backend = new();
    private readonly BrowserGateway _gateway;

    public SessionLimitsTests()
    {
        _gateway = new BrowserGateway(_backend.Url, services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(provider => _reads.Wrap(provider.GetRequiredService<SqliteSessionStore>()));
            services.AddSingleton(provider => _reads.Wrap(provider.GetRequiredService<SqliteUserStore>()));
        });
    }

    [Fact]
    public async Task TwentyParallelRequests_OfOneSession_ReadTheStoreAtMostOnce()
    {
        using var browser = await SignedInAsync();
        _reads.Reset();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var response = await browser.SendAsync(Browser.Navigation($"/app/parallel-{i}"));
            return response.StatusCode;
        }));

        Assert.All(responses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.True(_reads.Sessions <= 1, $"{_reads.Sessions} session reads");
        Assert.True(_reads.Users <= 1, $"{_reads.Users} user reads");
    }

    [Fact]
    public async Task CachedIdentity_IsReReadOncePerAccessTokenLifetime()
    {
        using var browser = await SignedInAsync();
        await ExpectAsync(browser, HttpStatusCode.OK);
        _reads.Reset();

        await ExpectAsync(browser, HttpStatusCode.OK);
        Assert.Equal(0, _reads.Users);
        _clock.Advance(TimeSpan.FromMinutes(16));
        await ExpectAsync(browser, HttpStatusCode.OK);
        await ExpectAsync(browser, HttpStatusCode.OK);

        Assert.Equal((1, 1), (_reads.Sessions, _reads.Users));
    }

    [Fact]
    public async Task IdleLimit_EndsAnUnusedSession()
    {
        using var browser = await SignedInAsync();

        _clock.Advance(TimeSpan.FromHours(169));

        await ExpectAsync(browser, HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task RegularUse_KeepsTheSessionUntilTheAbsoluteLimit()
    {
        using var browser = await SignedInAsync();
        for (var hours = 100; hours < 720; hours += 100)
        {
            _clock.Advance(TimeSpan.FromHours(100));
            await ExpectAsync(browser, HttpStatusCode.OK);
        }

        _clock.Advance(TimeSpan.FromHours(100));

        await ExpectAsync(browser, HttpStatusCode.Redirect);
    }

    public void Dispose()
    {
        _gateway.Dispose();
        _backend.Dispose();
    }

    private async Task<Browser> SignedInAsync()
    {
        var username = Infrastructure.TestUsers.UniqueName("clock");
        await _gateway.RegisterAsync(username);
        var browser = _gateway.OpenBrowser();
        await browser.SignInOrFailAsync(username);
        return browser;
    }

    private static async Task ExpectAsync(Browser browser, HttpStatusCode status)
    {
        using var response = await browser.NavigateAsync("/app/limits");
        Assert.Equal(status, response.StatusCode);
    }
}
