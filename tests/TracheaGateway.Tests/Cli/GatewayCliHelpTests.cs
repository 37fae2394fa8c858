using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Cli;

/// <summary>The command line's own answers: help for every command, and one line with exit 2 for a line that does not parse.</summary>
public sealed class GatewayCliHelpTests : IDisposable
{
    private readonly string _dataDir = TestDirectories.Create();

    // No app id or JWT secret: help and parse errors must answer before the settings or the store are looked at.
    private Dictionary<string, string> Environment => new() { ["TRACHEA_DATA_DIR"] = _dataDir };

    [Theory]
    [InlineData("Trachea.Gateway", "--help")]
    [InlineData("Trachea.Gateway apps", "apps", "--help")]
    [InlineData("Trachea.Gateway apps add <app-id>", "apps", "add", "--help")]
    [InlineData("Trachea.Gateway apps list", "apps", "list", "--help")]
    [InlineData("Trachea.Gateway apps disable <app-id>", "apps", "disable", "-h")]
    [InlineData("Trachea.Gateway apps set <app-id>", "apps", "set", "--help")]
    [InlineData("Trachea.Gateway keys", "keys", "--help")]
    [InlineData("Trachea.Gateway keys list", "keys", "list", "--help")]
    [InlineData("Trachea.Gateway keys rotate", "keys", "rotate", "--help")]
    [InlineData("Trachea.Gateway keys retire <kid>", "keys", "retire", "--help")]
    [InlineData("Trachea.Gateway users", "users", "--help")]
    [InlineData("Trachea.Gateway users set-role <user>", "users", "set-role", "--help")]
    [InlineData("Trachea.Gateway users set-plan <user>", "users", "set-plan", "--help")]
    public async Task Help_PrintsUsageOnStdoutAndExitsZero(string usage, params string[] args)
    {
        var result = await GatewayCommand.RunAsync(Environment, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.OutputLines);
        Assert.Contains(result.OutputLines, line => line.StartsWith(usage + " ", StringComparison.Ordinal) || line == usage);
        Assert.Empty(result.Error);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dataDir));
    }

    [Fact]
    public async Task AppsAddHelp_NamesEveryOptionAndWhichAreRequired()
    {
        var result = await GatewayCommand.RunAsync(Environment, "apps", "add", "--help");

        Assert.Contains(result.OutputLines, line => line.StartsWith("--name <name> (REQUIRED)", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("--methods <methods> (REQUIRED)", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("--domains <domains> ", StringComparison.Ordinal));
        Assert.Contains(result.OutputLines, line => line.StartsWith("--self-service-plans <self-service-plans> ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--colour", "apps", "add", "shop", "--name", "Shop", "--methods", "username", "--colour", "red")]
    [InlineData("--all", "apps", "list", "--all")]
    [InlineData("--force", "users", "set-role", "carol", "--app", "shop", "--role", "admin", "--force")]
    [InlineData("frobnicate", "apps", "frobnicate")]
    [InlineData("frobnicate", "users", "frobnicate")]
    public async Task UnknownOptionOrCommand_OneLineNamingItAndExitTwo(string unknown, params string[] args)
    {
        var result = await GatewayCommand.RunAsync(Environment, args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("trachea: ", line, StringComparison.Ordinal);
        Assert.Contains($"'{unknown}'", line, StringComparison.Ordinal);
        Assert.Contains("--help", line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Theory]
    [InlineData("apps")]
    [InlineData("apps", "add")]
    [InlineData("apps", "add", "shop", "--methods", "username")]
    [InlineData("users", "set-plan", "carol", "--app", "shop")]
    [InlineData("apps", "set", "shop")]
    [InlineData("users", "set-role", "carol", "--role", "admin", "--app")]
    public async Task IncompleteLine_OneLineAndExitTwo(params string[] args)
    {
        var result = await GatewayCommand.RunAsync(Environment, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("trachea: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    public void Dispose() => SqliteCleanup.ReleaseAndDelete(_dataDir);
}
