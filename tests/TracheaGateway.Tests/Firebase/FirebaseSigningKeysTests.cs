using System.Diagnostics;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Firebase;

namespace Trachea.Tests.Firebase;

public sealed class FirebaseSigningKeysTests : IDisposable
{
    private readonly FirebaseTestContext _context = new();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task Verify_TwoTokens_FetchesKeysOnce()
    {
        await _context.VerifyAsync(_context.Token());
        await _context.VerifyAsync(_context.Token(claims => claims["sub"] = "uid-456"));

        Assert.Equal(1, _context.Server.KeyRequests);
    }

    [Fact]
    public async Task Verify_ConcurrentFirstTokens_ShareOneFetch()
    {
        var tokens = Enumerable.Range(0, 20).Select(i => _context.Token(claims => claims["sub"] = $"uid-{i}"));

        var identities = await Task.WhenAll(tokens.Select(token => Task.Run(() => _context.VerifyAsync(token))));

        Assert.Equal(20, identities.Select(identity => identity.Uid).Distinct().Count());
        Assert.Equal(1, _context.Server.KeyRequests);
    }

    [Theory]
    [InlineData(600, 600)]
    [InlineData(0, 30)]
    [InlineData(null, 300)]
    [InlineData(864_000, 86_400)]
    public async Task Verify_AfterKeyLifetime_RefetchesKeys(int? maxAgeSeconds, int expectedLifetimeSeconds)
    {
        _context.Server.Publish([_context.SigningKey], maxAgeSeconds);
        await _context.VerifyAsync(_context.Token());

        _context.Clock.Advance(TimeSpan.FromSeconds(expectedLifetimeSeconds - 1));
        await _context.VerifyAsync(_context.Token());
        Assert.Equal(1, _context.Server.KeyRequests);

        _context.Clock.Advance(TimeSpan.FromSeconds(2));
        await _context.VerifyAsync(_context.Token());
        Assert.Equal(2, _context.Server.KeyRequests);
    }

    [Fact]
    public async Task Verify_KeyRotatedIn_AcceptedAfterOneRefetch()
    {
        var rotated = new FirebaseTestKey("key-2", material: 2);
        await _context.VerifyAsync(_context.Token());

        _context.Server.Publish([_context.SigningKey, rotated]);
        _context.Clock.Advance(FirebaseSigningKeys.UnknownKeyRefetchInterval);
        var identity = await _context.VerifyAsync(_context.Token(key: rotated));

        Assert.Equal("uid-123", identity.Uid);
        Assert.Equal(2, _context.Server.KeyRequests);
    }

    [Fact]
    public async Task Verify_ManyTokensWithUnknownKid_RefetchAtMostOncePerInterval()
    {
        var stranger = new FirebaseTestKey("never-published", material: 1);
        await _context.VerifyAsync(_context.Token());
        _context.Clock.Advance(FirebaseSigningKeys.UnknownKeyRefetchInterval);

        for (var i = 0; i < 25; i++)
        {
            var failure = await Assert.ThrowsAsync<TracheaException>(() => _context.VerifyAsync(_context.Token(key: stranger)));
            Assert.Equal(ErrorCodes.InvalidFirebaseToken, failure.Error);
        }

        Assert.Equal(2, _context.Server.KeyRequests);

        _context.Clock.Advance(FirebaseSigningKeys.UnknownKeyRefetchInterval);
        await Assert.ThrowsAsync<TracheaException>(() => _context.VerifyAsync(_context.Token(key: stranger)));
        Assert.Equal(3, _context.Server.KeyRequests);
    }

    [Fact]
    public async Task Verify_UnknownKidRightAfterFetch_DoesNotRefetch()
    {
        var stranger = new FirebaseTestKey("never-published", material: 1);

        await Assert.ThrowsAsync<TracheaException>(() => _context.VerifyAsync(_context.Token(key: stranger)));
        await Assert.ThrowsAsync<TracheaException>(() => _context.VerifyAsync(_context.Token(key: stranger)));

        Assert.Equal(1, _context.Server.KeyRequests);
    }

    [Theory]
    [InlineData(500, "oops")]
    [InlineData(404, "")]
    [InlineData(200, "not json")]
    [InlineData(200, "{\"keys\":[]}")]
    [InlineData(200, "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"k\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"}]}")]
    public async Task Verify_KeyEndpointAnswersBadly_ThrowsIdentityProviderUnavailable(int status, string body)
    {
        _context.Server.Answer(status, body);

        await AssertUnavailableWithinAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Verify_KeyEndpointDown_ThrowsIdentityProviderUnavailableQuickly()
    {
        _context.Server.Stop();

        await AssertUnavailableWithinAsync(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Verify_KeyEndpointSlowerThanTimeout_ThrowsIdentityProviderUnavailable()
    {
        var timeout = TimeSpan.FromMilliseconds(500);
        using var context = new FirebaseTestContext(fetchTimeout: timeout);
        context.Server.Publish([context.SigningKey], delay: TimeSpan.FromSeconds(4));

        await AssertUnavailableWithinAsync(context, timeout + TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Verify_CallerCancelsWhileKeysLoad_ThrowsOperationCanceled()
    {
        _context.Server.Publish([_context.SigningKey], delay: TimeSpan.FromSeconds(4));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var failure = await Record.ExceptionAsync(() => _context.Verifier.VerifyAsync(_context.Token(), cancellation.Token));

        Assert.IsAssignableFrom<OperationCanceledException>(failure);
    }

    [Fact]
    public async Task Verify_KeyEndpointRecovers_NextVerificationSucceeds()
    {
        _context.Server.Answer(503, "busy");
        await AssertUnavailableWithinAsync(TimeSpan.FromSeconds(2));

        _context.Server.Publish([_context.SigningKey]);
        var identity = await _context.VerifyAsync(_context.Token());

        Assert.Equal("uid-123", identity.Uid);
    }

    private Task AssertUnavailableWithinAsync(TimeSpan limit) => AssertUnavailableWithinAsync(_context, limit);

    private static async Task AssertUnavailableWithinAsync(FirebaseTestContext context, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<TracheaException>(() => context.VerifyAsync(context.Token()));

        Assert.Equal(ErrorCodes.IdentityProviderUnavailable, failure.Error);
        Assert.True(stopwatch.Elapsed < limit, $"took {stopwatch.Elapsed}");
    }
}
