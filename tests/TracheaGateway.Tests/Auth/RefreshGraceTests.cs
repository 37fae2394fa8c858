using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Trachea.Tests.Firebase;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Auth;

/// <summary>TRACHEA_REFRESH_GRACE_SECONDS: racing tabs converge on one chain, never two live ones.</summary>
public sealed class RefreshGraceTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly GatewayApplication _base = new(new Dictionary<string, string?> { ["Trachea:RefreshGraceSeconds"] = "30" });
    private readonly WebApplicationFactory<Program> _app;

    public RefreshGraceTests()
    {
        _app = _base.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
    }

    public void Dispose()
    {
        _app.Dispose();
        _base.Dispose();
    }

    [Fact]
    public async Task UsedTokenAgainInsideTheWindow_ReturnsTheSameSuccessorAndAFreshAccessToken()
    {
        var pair = await RegisterAsync();

        var first = await RefreshAsync(pair.RefreshToken);
        _clock.Advance(TimeSpan.FromSeconds(29));
        var second = await RefreshAsync(pair.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Pair!.RefreshToken, second.Pair!.RefreshToken);
        Assert.NotEqual(first.Pair.AccessToken, second.Pair.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(second.Pair.RefreshToken)).Status);
    }

    [Fact]
    public async Task UsedTokenAgainAfterTheWindow_IsReuse()
    {
        var pair = await RegisterAsync();
        var first = await RefreshAsync(pair.RefreshToken);

        _clock.Advance(TimeSpan.FromSeconds(31));
        var late = await RefreshAsync(pair.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("REFRESH_TOKEN_REUSE", late.Code);
        Assert.Equal("REFRESH_TOKEN_INVALID", (await RefreshAsync(first.Pair!.RefreshToken)).Code);
    }

    [Fact]
    public async Task AncestorAfterItsSuccessorWasUsed_IsReuseEvenInsideTheWindow()
    {
        var pair = await RegisterAsync();
        var first = await RefreshAsync(pair.RefreshToken);
        var second = await RefreshAsync(first.Pair!.RefreshToken);

        var ancestor = await RefreshAsync(pair.RefreshToken);

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal("REFRESH_TOKEN_REUSE", ancestor.Code);
        Assert.Equal("REFRESH_TOKEN_INVALID", (await RefreshAsync(second.Pair!.RefreshToken)).Code);
    }

    [Fact]
    public async Task TwentyConcurrentRefreshesOfOneToken_AllGetTheSameSuccessor()
    {
        var pair = await RegisterAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => RefreshAsync(pair.RefreshToken)));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(results.Select(r => r.Pair!.RefreshToken).Distinct());
    }

    private async Task<TokenPair> RegisterAsync()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/register", new { username = TestUsers.UniqueName(), password = TestUsers.Password });
        response.EnsureSuccessStatusCode();
        return await TokenPair.ReadAsync(response);
    }

    private async Task<(HttpStatusCode Status, string? Code, TokenPair? Pair)> RefreshAsync(string refreshToken)
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsJsonAsync("/auth/refresh", new { refresh_token = refreshToken });
        if (!response.IsSuccessStatusCode)
        {
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            return (response.StatusCode, problem.GetProperty("code").GetString(), null);
        }

        return (response.StatusCode, null, await TokenPair.ReadAsync(response));
    }
}
