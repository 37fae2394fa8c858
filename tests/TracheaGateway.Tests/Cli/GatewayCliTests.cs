using Trachea.AuthEndpoints.Apps;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Storage.Sqlite;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Cli;

/// <summary>The registry commands, run as the real binary on a fresh data dir.</summary>
public sealed class GatewayCliTests : IDisposable
{
    private readonly string _dataDir = TestDirectories.Create();

    private Dictionary<string, string> Environment => new()
    {
        ["TRACHEA_DATA_DIR"] = _dataDir,
        ["TRACHEA_APP_ID"] = "shop",
        ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
    };

    [Fact]
    public async Task AppsAdd_PrintsSecretAloneOnLastLineAndStoresOnlyItsHash()
    {
        var result = await GatewayCommand.RunAsync(Environment, "apps", "add", "shop", "--name", "The Shop", "--methods", "username,google");

        Assert.Equal(0, result.ExitCode);
        var secret = result.OutputLines[^1];
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        var app = await WithStoreAsync(apps => apps.FindAsync("shop", CancellationToken.None));
        Assert.Equal("The Shop", app!.Name);
        Assert.Equal(["username", "google"], app.AllowedAuthMethods);
        Assert.NotEqual(secret, app.SecretHash);
        Assert.True(AppSecrets.Matches(secret, app.SecretHash));
    }

    [Fact]
    public async Task AppsListAndDisable_ShowAndChangeState()
    {
        await GatewayCommand.RunAsync(Environment, "apps", "add", "shop", "--name", "Shop", "--methods", "username");

        var disable = await GatewayCommand.RunAsync(Environment, "apps", "disable", "shop");
        var list = await GatewayCommand.RunAsync(Environment, "apps", "list");

        Assert.Equal(0, disable.ExitCode);
        Assert.Equal(0, list.ExitCode);
        Assert.Equal("shop\tdisabled\tusername\tfree\tShop", Assert.Single(list.OutputLines));
    }

    [Fact]
    public async Task AppsAddAndSet_SelfServicePlans_StoredInPlanOrderAndListed()
    {
        var add = await GatewayCommand.RunAsync(Environment, "apps", "add", "shop", "--name", "Shop", "--methods", "username", "--self-service-plans", "pro,free");
        var afterAdd = await WithStoreAsync(apps => apps.FindAsync("shop", CancellationToken.None));

        var set = await GatewayCommand.RunAsync(Environment, "apps", "set", "shop", "--self-service-plans", "enterprise, free,pro");
        var list = await GatewayCommand.RunAsync(Environment, "apps", "list");

        Assert.Equal((0, 0, 0), (add.ExitCode, set.ExitCode, list.ExitCode));
        Assert.Equal(["free", "pro"], afterAdd!.SelfServicePlans);
        Assert.Equal("App 'shop': self-service plans free,pro,enterprise.", Assert.Single(set.OutputLines));
        Assert.Equal("shop\tactive\tusername\tfree,pro,enterprise\tShop", Assert.Single(list.OutputLines));
    }

    [Theory]
    [InlineData("apps", "add", "shop", "--name", "Shop", "--methods", "username,carrier-pigeon")]
    [InlineData("apps", "add", "Bad App", "--name", "Shop", "--methods", "username")]
    [InlineData("apps", "add", "shop", "--methods", "username")]
    [InlineData("apps", "disable", "missing")]
    [InlineData("apps", "add", "shop", "--name", "Shop", "--methods", "username", "--self-service-plans", "free,platinum")]
    [InlineData("apps", "add", "shop", "--name", "Shop", "--methods", "username", "--self-service-plans", ",")]
    [InlineData("apps", "set", "missing", "--self-service-plans", "free")]
    [InlineData("apps", "frobnicate")]
    [InlineData("users", "set-role", "nobody", "--app", "shop", "--role", "admin")]
    public async Task BadCommand_ExitsNonZeroWithOneLine(params string[] args)
    {
        var result = await GatewayCommand.RunAsync(Environment, args);

        Assert.NotEqual(0, result.ExitCode);
        Assert.StartsWith("trachea: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersSetRoleAndPlan_ByUsernameEmailOrId_ChangeMembership()
    {
        await GatewayCommand.RunAsync(Environment, "apps", "add", "shop", "--name", "Shop", "--methods", "username");
        var user = await SeedUserAsync("carol", "carol@example.com");

        var role = await GatewayCommand.RunAsync(Environment, "users", "set-role", "CAROL", "--app", "shop", "--role", "admin");
        var plan = await GatewayCommand.RunAsync(Environment, "users", "set-plan", "carol@example.com", "--app", "shop", "--plan", "pro");
        var byId = await GatewayCommand.RunAsync(Environment, "users", "set-plan", user.Id, "--app", "shop", "--plan", "enterprise");

        Assert.Equal((0, 0, 0), (role.ExitCode, plan.ExitCode, byId.ExitCode));
        var stored = await WithUsersAsync(users => users.FindByIdAsync(user.Id, CancellationToken.None));
        Assert.Equal(("admin", "enterprise"), (stored!.Apps[0].Role, stored.Apps[0].Plan));
    }

    [Fact]
    public async Task UsersSetPlan_PaidWithoutEmail_ExitsNonZero()
    {
        await GatewayCommand.RunAsync(Environment, "apps", "add", "shop", "--name", "Shop", "--methods", "username");
        await SeedUserAsync("dave", null);

        var result = await GatewayCommand.RunAsync(Environment, "users", "set-plan", "dave", "--app", "shop", "--plan", "pro");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("email", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_DefaultAppNotRegistered_ExitsWithOneClearLine()
    {
        var result = await GatewayCommand.RunAsync(Environment);

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("TRACHEA_APP_ID 'shop' is not registered", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_NoSettingsOutsideDevelopment_NamesEachProblemWithoutStackTrace()
    {
        var result = await GatewayCommand.RunAsync(new Dictionary<string, string> { ["TRACHEA_DATA_DIR"] = _dataDir, ["TRACHEA_JWT_SECRET"] = "short" });

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(2, result.ErrorLines.Count);
        Assert.Contains(result.ErrorLines, l => l.StartsWith("trachea: TRACHEA_APP_ID", StringComparison.Ordinal));
        Assert.Contains(result.ErrorLines, l => l.StartsWith("trachea: TRACHEA_JWT_SECRET is too short", StringComparison.Ordinal));
        Assert.DoesNotContain("short", result.Error.Replace("too short", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_WrongAppSecret_ExitsWithOneClearLine()
    {
        await GatewayCommand.RunAsync(Environment, "apps", "add", "shop", "--name", "Shop", "--methods", "username");
        var environment = Environment;
        environment["TRACHEA_APP_SECRET"] = "not-the-secret";

        var result = await GatewayCommand.RunAsync(environment);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("TRACHEA_APP_SECRET does not match", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => SqliteCleanup.ReleaseAndDelete(_dataDir);

    private async Task<User> SeedUserAsync(string username, string? email)
    {
        var now = DateTimeOffset.UtcNow;
        var user = new User
        {
            Id = Trachea.AuthEndpoints.Users.UserIds.New(now),
            Username = username,
            Email = email,
            Provider = "username",
            Apps = [new AppMembership("shop", "member", "free", now)],
            CreatedAt = now,
            UpdatedAt = now,
        };
        await WithUsersAsync(async users =>
        {
            await users.InsertAsync(user, CancellationToken.None);
            return user;
        });
        return user;
    }

    private async Task<T> WithStoreAsync<T>(Func<IAppStore, Task<T>> use)
    {
        using var database = new SqliteDatabase(_dataDir);
        return await use(new SqliteAppStore(database));
    }

    private async Task<T> WithUsersAsync<T>(Func<IUserStore, Task<T>> use)
    {
        using var database = new SqliteDatabase(_dataDir);
        await new SqliteStoreLifecycle(database, TimeProvider.System).InitializeAsync(CancellationToken.None);
        return await use(new SqliteUserStore(database));
    }
}
