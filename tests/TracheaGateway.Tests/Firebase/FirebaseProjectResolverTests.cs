using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Firebase;

namespace Trachea.Tests.Firebase;

public sealed class FirebaseProjectResolverTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("trachea-firebase-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Resolve_ProjectIdSet_UsesIt()
    {
        var project = FirebaseProjectResolver.Resolve(new TracheaOptions { FirebaseProjectId = " my-project " });

        Assert.True(project.IsEnabled);
        Assert.Equal("my-project", project.ProjectId);
    }

    [Fact]
    public void Resolve_CredentialsFile_ReadsProjectId()
    {
        var path = Write("service-account.json", """
            {"type":"service_account","project_id":"from-file","private_key_id":"abc",
             "private_key":"-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n","client_email":"x@from-file.iam.gserviceaccount.com"}
            """);

        var project = FirebaseProjectResolver.Resolve(new TracheaOptions { FirebaseCredentials = path });

        Assert.True(project.IsEnabled);
        Assert.Equal("from-file", project.ProjectId);
        Assert.Empty(project.Problems);
    }

    [Fact]
    public void Resolve_BothSet_ProjectIdWins()
    {
        var path = Write("service-account.json", """{"project_id":"from-file"}""");

        var project = FirebaseProjectResolver.Resolve(new TracheaOptions { FirebaseProjectId = "explicit", FirebaseCredentials = path });

        Assert.Equal("explicit", project.ProjectId);
    }

    [Fact]
    public void Resolve_NeitherSet_IsDisabledWithoutProblems()
    {
        var project = FirebaseProjectResolver.Resolve(new TracheaOptions());

        Assert.False(project.IsEnabled);
        Assert.Null(project.ProjectId);
        Assert.Empty(project.Problems);
    }

    [Theory]
    [InlineData("missing.json", null, "does not exist")]
    [InlineData("broken.json", "{\"project_id\": \"secret-ish", "not valid JSON")]
    [InlineData("array.json", "[1, 2]", "has no project_id")]
    [InlineData("no-project.json", "{\"private_key\":\"SECRET\"}", "has no project_id")]
    [InlineData("empty-project.json", "{\"project_id\":\"  \"}", "has no project_id")]
    [InlineData("number-project.json", "{\"project_id\":42}", "has no project_id")]
    [InlineData("spaced-project.json", "{\"project_id\":\"my project\"}", "is not a Firebase project id")]
    public void Resolve_BadCredentialsFile_ReportsOneLineProblem(string name, string? content, string expected)
    {
        var path = content is null ? Path.Combine(_directory, name) : Write(name, content);

        var project = FirebaseProjectResolver.Resolve(new TracheaOptions { FirebaseCredentials = path });

        Assert.False(project.IsEnabled);
        var problem = Assert.Single(project.Problems);
        Assert.StartsWith("TRACHEA_FIREBASE_CREDENTIALS", problem, StringComparison.Ordinal);
        Assert.Contains(path, problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
        Assert.DoesNotContain("SECRET", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-ish", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CredentialsPathIsADirectory_ReportsProblem()
    {
        var project = FirebaseProjectResolver.Resolve(new TracheaOptions { FirebaseCredentials = _directory });

        Assert.False(project.IsEnabled);
        Assert.Contains("cannot be read", Assert.Single(project.Problems), StringComparison.Ordinal);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
