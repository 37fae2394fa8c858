using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.EndToEnd.Browser;

/// <summary>
/// The browser flow of docs/browser-sessions.md in a real Chromium: a protected page of the sample backend sends
/// the browser to sign-in, the gateway's own forms sign up, sign out and sign in, and the backend shows the
/// identity it received.
/// </summary>
public sealed class BrowserSessionTests(BrowserProcesses processes) : IClassFixture<BrowserProcesses>
{
    private const string Protected = "/app/orders?page=2";

    [BrowserFact]
    public async Task SignUp_SignOut_SignIn_TheBackendShowsTheIdentityEachTime()
    {
        await using var browser = await processes.NewContextAsync();
        var page = await browser.NewPageAsync();
        var username = TestUsers.UniqueName();

        await page.GotoAsync(Protected);
        await AssertOnSignInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Create one" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByLabel("Name (optional)").FillAsync("Ada");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await AssertIdentityShownAsync(page, username);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await AssertOnSignInAsync(page);
        Assert.DoesNotContain(await browser.CookiesAsync(), cookie => cookie.Name == "__Host-trachea_session");

        await page.GotoAsync(Protected);
        await AssertOnSignInAsync(page);

        await page.GetByLabel("Username").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(TestUsers.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await AssertIdentityShownAsync(page, username);
    }

    [BrowserFact]
    public async Task WrongPassword_ShowsTheApiErrorBesideTheForm_AndNoSession()
    {
        await using var browser = await processes.NewContextAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(Protected);
        await page.GetByLabel("Username").FillAsync(TestUsers.UniqueName());
        await page.GetByLabel("Password").FillAsync("not-the-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var error = page.GetByRole(AriaRole.Alert);
        await error.WaitForAsync();
        await AssertOnSignInAsync(page);
        Assert.False(string.IsNullOrWhiteSpace(await error.TextContentAsync()));
        Assert.DoesNotContain(await browser.CookiesAsync(), cookie => cookie.Name == "__Host-trachea_session");
    }

    [BrowserFact]
    public async Task SignInPage_AtPhoneWidth_NeedsNoHorizontalScrolling()
    {
        await using var browser = await processes.NewContextAsync(new() { Width = 390, Height = 844 });
        var page = await browser.NewPageAsync();

        await page.GotoAsync(Protected);

        await AssertOnSignInAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        var button = await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).BoundingBoxAsync();
        Assert.NotNull(button);
        Assert.InRange(button.X + button.Width, 0, 390);
    }

    // Expect polls the URL; WaitForURLAsync with WaitUntilState.Commit waits for the load event instead when the
    // navigation has already committed before the call (microsoft/playwright-dotnet#3365), which hung this test.
    private static async Task AssertOnSignInAsync(IPage page)
    {
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new Regex("/auth/sign_in"), new() { Timeout = BrowserProcesses.Timeout });
        Assert.Equal(Protected, await page.Locator("input[name=rd]").InputValueAsync());
        Assert.True(await page.GetByLabel("Username").IsVisibleAsync());
    }

    private static async Task AssertIdentityShownAsync(IPage page, string username)
    {
        // The URL is enough; the locators below wait for the page's content themselves.
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(Protected) + "$"), new() { Timeout = BrowserProcesses.Timeout });
        var identity = await page.Locator("#identity").InnerTextAsync();
        Assert.Contains($"X-User-Username\t{username}", identity, StringComparison.Ordinal);
        Assert.Contains($"X-App-Id\t{TestApps.Demo}", identity, StringComparison.Ordinal);
        Assert.Contains("X-Auth-Provider\tusername", identity, StringComparison.Ordinal);
        Assert.Contains("\"verified\": true", await page.Locator("#assertion").InnerTextAsync(), StringComparison.Ordinal);
    }
}
