using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Sessions;

namespace Trachea.Tests.Sessions;

public sealed class ReturnUrlsTests
{
    private static readonly ReturnUrls Urls = new(Options.Create(new TracheaOptions { RedirectAllowedHosts = "app.example.com, .example.org" }));

    [Theory]
    [InlineData("//evil.com")]
    [InlineData("/\\evil.com")]
    [InlineData("/%09/evil.com")]
    [InlineData("/\t/evil.com")]
    [InlineData("/\\t/evil.com")]
    [InlineData("/%2F/evil.com")]
    [InlineData("/%5Cevil.com")]
    [InlineData("/ok path")]
    [InlineData("/ok%20path")]
    [InlineData("/a\r\nSet-Cookie:x=1")]
    [InlineData("https://evil.com")]
    [InlineData("https://app.example.com.evil.com/")]
    [InlineData("https://sub.example.org.evil.com/")]
    [InlineData("https://example.org/")]
    [InlineData("https://evilexample.org/")]
    [InlineData("https://user@app.example.com/")]
    [InlineData("https:\\\\app.example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript://app.example.com/%0Aalert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("ftp://app.example.com/")]
    [InlineData("evil.com")]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_OpenRedirectCorpus_BecomesRoot(string? rd) => Assert.Equal("/", Urls.Validate(rd));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/app/page?x=1&y=2", "/app/page?x=1&y=2")]
    [InlineData("/a%2Fb", "/a%2Fb")]
    [InlineData("https://app.example.com/home", "https://app.example.com/home")]
    [InlineData("http://APP.example.com/home", "http://app.example.com/home")]
    [InlineData("https://deep.sub.example.org/x?y=1", "https://deep.sub.example.org/x?y=1")]
    public void Validate_SafeTarget_IsKept(string rd, string expected) => Assert.Equal(expected, Urls.Validate(rd));

    [Fact]
    public void FormActionSources_NameEveryAllowedHost() => Assert.Equal(" app.example.com *.example.org", Urls.FormActionSources);
}
