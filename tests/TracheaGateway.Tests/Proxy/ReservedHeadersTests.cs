using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

public sealed class ReservedHeadersTests
{
    [Theory]
    [InlineData("X-User-Id")]
    [InlineData("x-user-id")]
    [InlineData("X_User_Id")]
    [InlineData("X.User.Id")]
    [InlineData("x-USER_role")]
    [InlineData("X-User-")]
    [InlineData("X-App-Id")]
    [InlineData("x.app.anything")]
    [InlineData("X-Auth-Provider")]
    [InlineData("x_auth_provider")]
    [InlineData("X-Trachea-Internal")]
    [InlineData("X.TRACHEA.x")]
    public void IdentityLikeName_Reserved(string name) => Assert.True(IdentityHeaders.IsReserved(name));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Users")]
    [InlineData("X-User")]
    [InlineData("X-Authorization")]
    [InlineData("X-Application")]
    [InlineData("Authorization")]
    [InlineData("User-Agent")]
    [InlineData("X-Request-Id")]
    [InlineData("XX-User-Id")]
    [InlineData("X-Apps-Id")]
    [InlineData("")]
    public void OtherName_NotReserved(string name) => Assert.False(IdentityHeaders.IsReserved(name));

    [Theory]
    [InlineData("X-Original-URL")]
    [InlineData("x-rewrite-url")]
    [InlineData("X-Original-URI")]
    [InlineData("X-Forwarded-Uri")]
    [InlineData("X-Forwarded-Prefix")]
    [InlineData("X-HTTP-Method-Override")]
    [InlineData("X-HTTP-Method")]
    [InlineData("X-Method-Override")]
    [InlineData("X_Original_URL")]
    [InlineData("x.http.method")]
    [InlineData("X-User-Id")]
    public void RewritingOrReservedName_Stripped(string name) => Assert.True(ClientHeaders.IsStripped(name));

    [Theory]
    [InlineData("X-Forwarded-For")]
    [InlineData("X-Forwarded-Proto")]
    [InlineData("X-Forwarded-Host")]
    [InlineData("X-Original-URLs")]
    [InlineData("X-HTTP-Methods")]
    [InlineData("X-Method")]
    [InlineData("Original-URL")]
    [InlineData("X-Originel-URL")]
    [InlineData("X-Original-UR")]
    [InlineData("")]
    public void OtherName_NotStripped(string name) => Assert.False(ClientHeaders.IsStripped(name));

    [Theory]
    [InlineData("zoe@example.com", "zoe@example.com")]
    [InlineData("zoë@exämple.com", "zo%C3%AB@ex%C3%A4mple.com")]
    [InlineData("100%@example.com", "100%25@example.com")]
    [InlineData("ë100%", "%C3%AB100%25")]
    [InlineData("日本", "%E6%97%A5%E6%9C%AC")]
    [InlineData("a😀b", "a%F0%9F%98%80b")]
    [InlineData("a\u0007b", "a%07b")]
    [InlineData(" ~!", " ~!")]
    public void HeaderValue_AsciiAsIsOtherwisePercentEncodedUtf8(string value, string expected) =>
        Assert.Equal(expected, IdentityHeaders.HeaderValue(value));

    [Fact]
    public void HeaderValue_PrintableAscii_SameInstance()
    {
        var value = "user@example.com";

        Assert.Same(value, IdentityHeaders.HeaderValue(value));
    }
}
