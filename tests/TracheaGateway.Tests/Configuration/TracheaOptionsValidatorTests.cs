using Trachea.AuthEndpoints.Configuration;

namespace Trachea.Tests.Configuration;

public sealed class TracheaOptionsValidatorTests
{
    private static TracheaOptions Valid() => new() { AppId = "demo", JwtSecret = new string('k', 32) };

    [Fact]
    public void Validate_Defaults_WithAppAndSecret_Succeeds()
    {
        Assert.True(new TracheaOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Validate_NothingSet_NamesEachMissingSettingOnItsOwnLine()
    {
        var result = new TracheaOptionsValidator().Validate(null, new TracheaOptions());

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("TRACHEA_APP_ID", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("TRACHEA_JWT_SECRET", StringComparison.Ordinal));
        Assert.All(result.Failures!, f => Assert.DoesNotContain('\n', f));
    }

    [Theory]
    [InlineData("JwtSecret", "short", "TRACHEA_JWT_SECRET")]
    [InlineData("AppId", "Not Valid", "TRACHEA_APP_ID")]
    [InlineData("AccessTokenExpireMinutes", 0, "TRACHEA_ACCESS_TOKEN_EXPIRE_MINUTES")]
    [InlineData("RefreshTokenExpireDays", -1, "TRACHEA_REFRESH_TOKEN_EXPIRE_DAYS")]
    [InlineData("PasswordMinLength", 100, "TRACHEA_PASSWORD_MIN_LENGTH")]
    [InlineData("BcryptWorkFactor", 3, "TRACHEA_BCRYPT_WORK_FACTOR")]
    [InlineData("BcryptWorkFactor", 32, "TRACHEA_BCRYPT_WORK_FACTOR")]
    [InlineData("RateLimitPerIpPerMinute", 0, "TRACHEA_RATE_LIMIT_PER_IP_PER_MINUTE")]
    [InlineData("RateLimitPerUsernamePerMinute", 0, "TRACHEA_RATE_LIMIT_PER_USERNAME_PER_MINUTE")]
    [InlineData("FirebaseKeysUrl", "not a url", "TRACHEA_FIREBASE_KEYS_URL")]
    [InlineData("FirebaseKeysUrl", "file:///etc/passwd", "TRACHEA_FIREBASE_KEYS_URL")]
    [InlineData("DataDir", " ", "TRACHEA_DATA_DIR")]
    [InlineData("Assertion", "yes", "TRACHEA_ASSERTION")]
    [InlineData("AssertionTtlSeconds", 29, "TRACHEA_ASSERTION_TTL_SECONDS")]
    [InlineData("AssertionTtlSeconds", 301, "TRACHEA_ASSERTION_TTL_SECONDS")]
    [InlineData("PublicOrigin", "https://gateway.example.com/", "TRACHEA_PUBLIC_ORIGIN")]
    [InlineData("PublicOrigin", "https://gateway.example.com/app", "TRACHEA_PUBLIC_ORIGIN")]
    [InlineData("PublicOrigin", "ftp://gateway.example.com", "TRACHEA_PUBLIC_ORIGIN")]
    [InlineData("PublicOrigin", "gateway.example.com", "TRACHEA_PUBLIC_ORIGIN")]
    public void Validate_BadSetting_FailsNamingIt(string property, object value, string name)
    {
        var options = Valid();
        typeof(TracheaOptions).GetProperty(property)!.SetValue(options, value);

        var result = new TracheaOptionsValidator().Validate(null, options);

        Assert.StartsWith(name, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Assertion", "OFF")]
    [InlineData("AssertionTtlSeconds", 30)]
    [InlineData("AssertionTtlSeconds", 300)]
    [InlineData("PublicOrigin", "https://gateway.example.com")]
    [InlineData("PublicOrigin", "http://127.0.0.1:8080")]
    public void Validate_GoodAssertionSetting_Succeeds(string property, object value)
    {
        var options = Valid();
        typeof(TracheaOptions).GetProperty(property)!.SetValue(options, value);

        Assert.True(new TracheaOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("APP_ID", "AppId")]
    [InlineData("ACCESS_TOKEN_EXPIRE_MINUTES", "AccessTokenExpireMinutes")]
    [InlineData("RATE_LIMIT_PER_IP_PER_MINUTE", "RateLimitPerIpPerMinute")]
    [InlineData("MONGO_URI", "MongoUri")]
    [InlineData("ASSERTION", "Assertion")]
    [InlineData("ASSERTION_TTL_SECONDS", "AssertionTtlSeconds")]
    [InlineData("PUBLIC_ORIGIN", "PublicOrigin")]
    public void EnvironmentName_MapsToOptionsProperty(string suffix, string property)
    {
        Assert.Equal(property, TracheaEnvironmentVariables.ToPascalCase(suffix));
        Assert.NotNull(typeof(TracheaOptions).GetProperty(property));
    }
}
