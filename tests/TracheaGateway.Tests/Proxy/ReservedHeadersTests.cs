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
}
