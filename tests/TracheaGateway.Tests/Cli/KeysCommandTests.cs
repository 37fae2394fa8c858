using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Cli;

/// <summary><c>keys list|rotate|retire</c>, run as the real binary on a fresh data dir.</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly string _dataDir = TestDirectories.Create();

    private Dictionary<string, string> Environment => new()
    {
        ["TRACHEA_DATA_DIR"] = _dataDir,
        ["TRACHEA_APP_ID"] = "shop",
        ["TRACHEA_JWT_SECRET"] = GatewayApplication.JwtSecret,
    };

    public void Dispose() => SqliteCleanup.ReleaseAndDelete(_dataDir);

    [Fact]
    public async Task RotateListRetire_ShowTheRingAsItChanges()
    {
        var first = await GatewayCommand.RunAsync(Environment, "keys", "rotate");
        var second = await GatewayCommand.RunAsync(Environment, "keys", "rotate");
        Assert.Equal((0, 0), (first.ExitCode, second.ExitCode));
        var firstKid = Kid(first.OutputLines[0]);
        var secondKid = Kid(second.OutputLines[0]);

        var listed = await GatewayCommand.RunAsync(Environment, "keys", "list");
        var retired = await GatewayCommand.RunAsync(Environment, "keys", "retire", firstKid);
        var after = await GatewayCommand.RunAsync(Environment, "keys", "list");
        var last = await GatewayCommand.RunAsync(Environment, "keys", "retire", secondKid);

        Assert.Equal([(firstKid, "signing"), (secondKid, "pending")], listed.OutputLines.Select(Columns));
        Assert.Equal(0, retired.ExitCode);
        Assert.StartsWith($"Retired key {firstKid}", retired.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal([(firstKid, "retired (published)"), (secondKid, "signing")], after.OutputLines.Select(Columns));
        Assert.Equal(2, last.ExitCode);
        Assert.Equal($"trachea: key '{secondKid}' is the only key that can sign; run 'keys rotate' first.", Assert.Single(last.ErrorLines));
        Assert.All(listed.OutputLines.Concat(after.OutputLines), line => Assert.DoesNotContain("v1.", line, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("keys", "retire", "no-such-kid")]
    [InlineData("keys", "retire")]
    [InlineData("keys", "spin")]
    public async Task BadCommand_ExitsNonZeroWithOneLine(params string[] args)
    {
        var result = await GatewayCommand.RunAsync(Environment, args);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("trachea: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static string Kid(string line) => line.Split(' ')[2].TrimEnd(':');

    private static (string Kid, string State) Columns(string line) => (line.Split('\t')[0], line.Split('\t')[1]);
}
