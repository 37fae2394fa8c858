using Trachea.AuthEndpoints.Configuration;

namespace Trachea.Tests.Configuration;

/// <summary>The browser-session settings: each bad entry of a list named on its own line, good ones normalised.</summary>
public sealed class BrowserSettingsValidatorTests
{
    private static TracheaOptions Valid() => new() { AppId = "demo", JwtSecret = new string('k', 32) };

    [Theory]
    [InlineData("CsrfTrustedOrigins", "https://app.example.com/", "TRACHEA_CSRF_TRUSTED_ORIGINS")]
    [InlineData("CsrfTrustedOrigins", "https://app.example.com/path", "TRACHEA_CSRF_TRUSTED_ORIGINS")]
    [InlineData("CsrfTrustedOrigins", "app.example.com", "TRACHEA_CSRF_TRUSTED_ORIGINS")]
    [InlineData("CsrfTrustedOrigins", "*", "TRACHEA_CSRF_TRUSTED_ORIGINS")]
    [InlineData("CsrfTrustedOrigins", "https://user@app.example.com", "TRACHEA_CSRF_TRUSTED_ORIGINS")]
    [InlineData("CsrfTrustedOrigins", "ws://app.example.com", "TRACHEA_CSRF_TRUSTED_ORIGINS")]
    [InlineData("RedirectAllowedHosts", "https://app.example.com", "TRACHEA_REDIRECT_ALLOWED_HOSTS")]
    [InlineData("RedirectAllowedHosts", "*.example.com", "TRACHEA_REDIRECT_ALLOWED_HOSTS")]
    [InlineData("RedirectAllowedHosts", ".", "TRACHEA_REDIRECT_ALLOWED_HOSTS")]
    [InlineData("RedirectAllowedHosts", "app.example.com/path", "TRACHEA_REDIRECT_ALLOWED_HOSTS")]
    [InlineData("SessionIdleHours", 0, "TRACHEA_SESSION_IDLE_HOURS")]
    [InlineData("SessionIdleHours", BrowserSettings.MaxSessionHours + 1, "TRACHEA_SESSION_IDLE_HOURS")]
    [InlineData("SessionMaxHours", -1, "TRACHEA_SESSION_MAX_HOURS")]
    [InlineData("SessionMaxHours", BrowserSettings.MaxSessionHours + 1, "TRACHEA_SESSION_MAX_HOURS")]
    public void Validate_BadBrowserSetting_FailsNamingIt(string property, object value, string name)
    {
        var result = Validate(property, value);

        Assert.StartsWith(name, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CsrfTrustedOrigins", "https://app.example.com")]
    [InlineData("CsrfTrustedOrigins", "https://app.example.com, http://127.0.0.1:3000")]
    [InlineData("CsrfTrustedOrigins", " , ")]
    [InlineData("RedirectAllowedHosts", "app.example.com")]
    [InlineData("RedirectAllowedHosts", ".example.com,localhost")]
    [InlineData("SessionIdleHours", 1)]
    [InlineData("SessionMaxHours", BrowserSettings.MaxSessionHours)]
    public void Validate_GoodBrowserSetting_Succeeds(string property, object value)
    {
        Assert.True(Validate(property, value).Succeeded);
    }

    [Fact]
    public void Validate_EachBadEntryOfAList_IsItsOwnFailure()
    {
        var options = Valid();
        options.CsrfTrustedOrigins = "https://ok.example.com,https://bad.example.com/x,nope";
        options.RedirectAllowedHosts = "ok.example.com,https://bad.example.com";

        var failures = new TracheaOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("'https://bad.example.com/x'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("'nope'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TRACHEA_REDIRECT_ALLOWED_HOSTS", StringComparison.Ordinal));
        Assert.All(failures, f => Assert.DoesNotContain('\n', f));
    }

    [Fact]
    public void TrustedOriginsAndRedirectHosts_AreComparedAsBrowsersSendThem()
    {
        var options = Valid();
        options.CsrfTrustedOrigins = " HTTPS://App.Example.com:443 , http://127.0.0.1:3000";
        options.RedirectAllowedHosts = "App.Example.COM,.Example.com";

        Assert.Equal(["https://app.example.com", "http://127.0.0.1:3000"], BrowserSettings.TrustedOrigins(options));
        Assert.Equal(["app.example.com", ".example.com"], BrowserSettings.RedirectHosts(options));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string property, object value)
    {
        var options = Valid();
        typeof(TracheaOptions).GetProperty(property)!.SetValue(options, value);
        return new TracheaOptionsValidator().Validate(null, options);
    }
}
