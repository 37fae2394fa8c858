using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Trachea.AuthEndpoints.Storage.Sqlite;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Operations;

public sealed class LogTests
{
    private const string WrongPassword = "planted-wrong-password-7f3a";

    [Fact]
    public async Task AuthFlows_LogAuditEventsAndRequestLines_ButNoSecret()
    {
        // Everything, the framework's own Debug and Trace lines included, as an operator chasing a bug would set it.
        using var app = new OperationsGateway(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        });
        var username = TestUsers.UniqueName();
        var registered = await app.RegisterAsync(username);
        using var anonymous = app.CreateClient();

        using (var failed = await anonymous.PostAsJsonAsync("/auth/login", new { username, password = WrongPassword }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var login = await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        var session = await TokenPair.ReadAsync(login);
        using var refreshed = await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = session.RefreshToken });
        var rotated = await TokenPair.ReadAsync(refreshed);
        using (var reused = await anonymous.PostAsJsonAsync("/auth/refresh", new { refresh_token = session.RefreshToken }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        }

        using var forged = app.CreateClient(registered.AccessToken + "tampered");
        using (await forged.GetAsync("/users/me"))
        {
        }

        // The reuse above revoked every token of the user: a new sign-in continues.
        using var signIn = await anonymous.PostAsJsonAsync("/auth/login", new { username, password = TestUsers.Password });
        var afterReuse = await TokenPair.ReadAsync(signIn);
        using var user = app.CreateClient(afterReuse.AccessToken);
        using (var me = await user.GetAsync("/users/me"))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        using (await user.PatchAsJsonAsync("/users/me", new { name = "Planted Name", email = $"{username}@example.com" }))
        using (await user.DeleteAsync("/users/me"))
        {
        }

        var passwordHash = (await app.Service<IUserStore>().FindByIdAsync(registered.UserId, CancellationToken.None))!.PasswordHash!;
        string[] secrets =
        [
            TestUsers.Password, WrongPassword, GatewayApplication.JwtSecret, passwordHash, "$2",
            registered.AccessToken, registered.RefreshToken, session.AccessToken, session.RefreshToken,
            rotated.AccessToken, rotated.RefreshToken, registered.AccessToken.Split('.')[2], afterReuse.AccessToken, afterReuse.RefreshToken,
        ];
        var entries = app.Logs.Entries;
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.AspNetCore.Authentication", StringComparison.Ordinal) && e.Level <= Microsoft.Extensions.Logging.LogLevel.Debug);
        foreach (var entry in entries)
        {
            foreach (var secret in secrets)
            {
                Assert.False(entry.AllText.Contains(secret, StringComparison.Ordinal), $"a secret reached the log [{entry.Category} {entry.EventId}]: {entry.Message}");
            }
        }

        Assert.Contains(entries, e => e.EventId == 2003 && e.Values["Reason"] == "INVALID_CREDENTIALS");
        Assert.Contains(entries, e => e.EventId == 2004 && e.Values["UserId"] == registered.UserId);
        Assert.Contains(entries, e => e.EventId == 2006 && e.Values["UserId"] == registered.UserId);
        Assert.Contains(entries, e => e.EventId == 2101 && e.Values["UserId"] == registered.UserId && e.Values["Reason"] == "refresh-token reuse");
        var meLine = Assert.Single(entries, e => e.EventId == 5001 && e.Values["Route"] == "/users/me/" && e.Values["Method"] == "GET" && e.Values["StatusCode"] == "200");
        Assert.Equal(registered.UserId, meLine.Values["UserId"]);
        Assert.Equal(TestApps.Demo, meLine.Values["AppId"]);
        Assert.Matches("^[0-9a-f]{32}$", meLine.Values["TraceId"]);
        // The framework's per-request scope would carry the raw path into every line logged during a request.
        Assert.DoesNotContain(entries, e => e.Scopes.Any(scope => scope.Contains("RequestPath", StringComparison.Ordinal)));
        Assert.Contains(entries, e => e.EventId == 5001 && e.Values["Route"] == "/users/me/" && e.Values["StatusCode"] == "401" && e.Values["UserId"] is null);
    }

    [Fact]
    public async Task UnexpectedFailure_Answers500_AndTheRequestLineKeepsTheRoute()
    {
        using var app = new OperationsGateway();
        var registered = await app.RegisterAsync(TestUsers.UniqueName());
        using var failing = app.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IUserStore>(provider => FailingFindById.Wrap<IUserStore>(provider.GetRequiredService<SqliteUserStore>()))));
        using var client = failing.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", registered.AccessToken);

        using var response = await client.GetAsync("/users/me");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("planted store failure", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(app.Logs.Entries, e => e.EventId == 5001 && e.Values["Route"] == "/users/me/" && e.Values["StatusCode"] == "500");
    }
}
