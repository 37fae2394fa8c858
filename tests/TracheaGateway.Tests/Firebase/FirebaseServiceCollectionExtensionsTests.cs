using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Firebase;

namespace Trachea.Tests.Firebase;

public sealed class FirebaseServiceCollectionExtensionsTests
{
    [Fact]
    public void AddTracheaFirebase_NamedClient_HasBoundedTimeout()
    {
        using var services = Build(options => options.FirebaseProjectId = "p");

        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(FirebaseSigningKeys.HttpClientName);

        Assert.Equal(FirebaseSigningKeys.FetchTimeout, client.Timeout);
        Assert.InRange(client.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AddTracheaFirebase_Services_AreSingletons()
    {
        using var services = Build(options => options.FirebaseProjectId = "p");

        Assert.Same(services.GetRequiredService<FirebaseTokenVerifier>(), services.GetRequiredService<FirebaseTokenVerifier>());
        Assert.Same(services.GetRequiredService<FirebaseSigningKeys>(), services.GetRequiredService<FirebaseSigningKeys>());
        Assert.True(services.GetRequiredService<FirebaseTokenVerifier>().IsEnabled);
    }

    [Fact]
    public async Task Verify_FirebaseNotConfigured_ThrowsAuthMethodNotAllowed()
    {
        using var services = Build(_ => { });
        var verifier = services.GetRequiredService<FirebaseTokenVerifier>();

        var failure = await Assert.ThrowsAsync<TracheaException>(() => verifier.VerifyAsync("a.b.c", CancellationToken.None));

        Assert.False(verifier.IsEnabled);
        Assert.Equal(ErrorCodes.AuthMethodNotAllowed, failure.Error);
    }

    [Fact]
    public void Options_MissingCredentialsFile_FailValidationWithOneLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"trachea-missing-{Guid.NewGuid():N}.json");
        using var services = Build(options => options.FirebaseCredentials = path);

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TracheaOptions>>().Value);

        var line = Assert.Single(failure.Failures);
        Assert.Equal($"TRACHEA_FIREBASE_CREDENTIALS: file '{path}' does not exist.", line);
    }

    [Theory]
    [InlineData("http://keys.example.com/jwk", false)]
    [InlineData("not a url", false)]
    [InlineData("/relative/jwk", false)]
    [InlineData("https://www.googleapis.com/service_accounts/v1/jwk/securetoken@system.gserviceaccount.com", true)]
    [InlineData("http://127.0.0.1:5000/jwk", true)]
    [InlineData("http://localhost:5000/jwk", true)]
    public void Options_KeysUrl_MustBeHttpsUnlessLoopback(string url, bool valid)
    {
        var result = new FirebaseOptionsValidation().Validate(Options.DefaultName, new TracheaOptions { FirebaseProjectId = "p", FirebaseKeysUrl = url });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.StartsWith("TRACHEA_FIREBASE_KEYS_URL", Assert.Single(result.Failures!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_KeysUrlWhileFirebaseDisabled_IsNotChecked()
    {
        var result = new FirebaseOptionsValidation().Validate(Options.DefaultName, new TracheaOptions { FirebaseKeysUrl = "not a url" });

        Assert.True(result.Succeeded);
    }

    private static ServiceProvider Build(Action<TracheaOptions> configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.Configure(configure);
        services.AddTracheaFirebase();
        return services.BuildServiceProvider();
    }
}
