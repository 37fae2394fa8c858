using Trachea.Gateway.ForwardAuth;

namespace Trachea.Tests.ForwardAuth;

public sealed class TargetPathTests
{
    [Theory]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a/%2e%2e/b", "/a/../b")]
    [InlineData("/a/..%2Fb", "/a/..%2Fb")]
    [InlineData("/a%20b/%C3%A9", "/a b/é")]
    [InlineData("/a%23/b", "/a#/b")]
    public void Decode_ReadsThePathAsKestrelDoes(string raw, string expected) =>
        Assert.Equal(expected, TargetPath.Decode(raw).Value);

    [Theory]
    [InlineData("/a/../b", true)]
    [InlineData("/a/./b", true)]
    [InlineData("/a/b/..", true)]
    [InlineData("/a/..b/c.", false)]
    [InlineData("/a/b/", false)]
    public void HasDotSegment(string path, bool expected) =>
        Assert.Equal(expected, TargetPath.HasDotSegment(path));
}
