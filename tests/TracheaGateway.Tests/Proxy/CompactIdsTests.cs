using Trachea.Gateway.Proxy;

namespace Trachea.Tests.Proxy;

/// <summary>A cached identity keeps its ids as bytes when it can; whatever the form, the exact text comes back.</summary>
public sealed class CompactIdsTests
{
    public static TheoryData<string> Ids => new()
    {
        "65f1c0de0123456789abcdef", // a gateway user id
        "0123456789abcdef0123456789abcdef", // a session id
        "00",
        "0000000000000000000000000000000a",
        "65F1C0DE0123456789ABCDEF", // upper case: kept as text, so it comes back upper case
        "abc", // odd length
        "0123456789abcdef0123456789abcdef00", // longer than 16 bytes
        "firebase-uid:Zoë",
        "",
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void UserId_IsExactlyTheTextGiven_WhateverTheSessionId(string id)
    {
        Span<char> buffer = stackalloc char[CompactIds.MaxFormatted];
        foreach (var sessionId in new[] { null, "0123456789abcdef0123456789abcdef", "sid-as-text" })
        {
            var ids = new CompactIds(id, sessionId);

            Assert.Equal((id, sessionId), (ids.UserId, ids.SessionId));
            Assert.Equal(id, ids.FormatUserId(buffer).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void SessionId_IsExactlyTheTextGiven_WhateverTheUserId(string id)
    {
        Span<char> buffer = stackalloc char[CompactIds.MaxFormatted];
        foreach (var userId in new[] { "65f1c0de0123456789abcdef", "user-as-text" })
        {
            var ids = new CompactIds(userId, id);

            Assert.Equal((userId, id), (ids.UserId, ids.SessionId));
            Assert.Equal(id, ids.FormatSessionId(buffer).ToString());
        }
    }

    [Fact]
    public void AbsentIds_AreNull_AndFormatAsEmpty()
    {
        var ids = new CompactIds(null, null);

        Assert.Equal((null, null), (ids.UserId, ids.SessionId));
        Assert.True(ids.FormatSessionId(new char[CompactIds.MaxFormatted]).IsEmpty);
    }
}
