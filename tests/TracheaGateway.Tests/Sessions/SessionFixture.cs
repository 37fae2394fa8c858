using Trachea.Tests.Infrastructure;
using Trachea.Tests.Proxy;

namespace Trachea.Tests.Sessions;

/// <summary>One <see cref="BrowserGateway"/> in front of a <see cref="RecordingBackend"/>, shared by a test class.</summary>
public sealed class SessionFixture : IDisposable
{
    public SessionFixture()
    {
        Gateway = new BrowserGateway(Backend.Url);
    }

    public RecordingBackend Backend { get; } = new();

    public BrowserGateway Gateway { get; }

    /// <summary>A new username user of the default app.</summary>
    public async Task<(string Username, string UserId)> NewUserAsync(string name = "web")
    {
        var username = TestUsers.UniqueName(name);
        var registered = await Gateway.RegisterAsync(username);
        return (username, registered.UserId);
    }

    /// <summary>A browser signed in as a new user.</summary>
    public async Task<(Browser Browser, string UserId)> SignedInAsync(string name = "web")
    {
        var (username, userId) = await NewUserAsync(name);
        var browser = Gateway.OpenBrowser();
        await browser.SignInOrFailAsync(username);
        return (browser, userId);
    }

    public void Dispose()
    {
        Gateway.Dispose();
        Backend.Dispose();
    }
}
