using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

/// <summary>A cached identity keeps its ids as bytes when it can; whatever the form, the exact text comes back.</summary>
public sealed class CompactIdTests
{
    [Theory]
    [InlineData("65f1c0de0123456789abcdef")] // a gateway user id
    [InlineData("0123456789abcdef0123456789abcdef")] // a session id
    [InlineData("00")]
    [InlineData("0000000000000000000000000000000a")]
    [InlineData("65F1C0DE0123456789ABCDEF")] // upper case: kept as text, so it comes back upper case
    [InlineData("abc")] // odd length
    [InlineData("0123456789abcdef0123456789abcdef00")] // longer than 16 bytes
    [InlineData("firebase-uid:Zoë")]
    [InlineData("")]
    public void Value_IsExactlyTheTextGiven(string id) => Assert.Equal(id, CompactId.From(id).Value);

    [Fact]
    public void Value_OfAnAbsentId_IsNull() => Assert.Null(CompactId.From(null).Value);
}
