using System.Net;
using System.Text;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Json;

public sealed class BadBodyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Username = "bad-body-victim";

    private readonly GatewayApplication _app = gateway.App;

    public static TheoryData<string, string> RefusedRegisterBodies => new()
    {
        { """{"password":"correct horse battery"}""", "username" },
        { """{"username":"bad-body-victim"}""", "password" },
        { """{"username":123,"password":"correct horse battery"}""", "username" },
        { """{"username":"bad-body-victim","password":["correct horse battery"]}""", "password" },
        { """{"username":{"$ne":null},"password":"correct horse battery"}""", "username" },
        { """{"username":"bad-body-victim","password":"correct horse battery","role":"admin"}""", "role" },
        { """{"username":"bad-body-victim","password":"correct horse battery","plan":"pro"}""", "plan" },
        { """{"username":"bad-body-victim","password":"correct horse battery","id":"x"}""", "id" },
        { """{"username":"bad-body-victim","password":"correct horse battery","$where":"1"}""", "$where" },
        { """{"username":"bad-body-victim","username":"other-name","password":"correct horse battery"}""", "username" },
        { """{"username":"bad-body-victim","password":"correct horse battery",""", "body" },
        { """["bad-body-victim","correct horse battery"]""", "body" },
        { "null", "body" },
        { "", "body" },
    };

    [Theory]
    [MemberData(nameof(RefusedRegisterBodies))]
    public async Task Register_RefusedBody_Returns422NamingFieldAndWritesNothing(string body, string field)
    {
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/auth/register", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors name '{field}': {problem}");
        Assert.Null(await _app.Service<IUserStore>().FindByUsernameAsync(Username, CancellationToken.None));
    }

    [Theory]
    [InlineData("/auth/register")]
    [InlineData("/auth/login")]
    [InlineData("/auth/refresh")]
    public async Task Post_OneMegabyteString_Returns413AndWritesNothing(string path)
    {
        var body = $$"""{"username":"{{Username}}","password":"{{new string('a', 1024 * 1024)}}"}""";
        using var client = _app.CreateClient();

        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Null(await _app.Service<IUserStore>().FindByUsernameAsync(Username, CancellationToken.None));
    }

    [Fact]
    public async Task Post_ChunkedBodyOverCap_Returns413()
    {
        var body = $$"""{"username":"{{Username}}","name":"{{new string('n', 20_000)}}"}""";
        using var client = _app.CreateClient();
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/register") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Register_NotJsonContentType_Returns422()
    {
        using var client = _app.CreateClient();
        using var response = await client.PostAsync("/auth/register", new StringContent("username=x&password=y", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Problem_ForRefusedBody_NeverEchoesTheInput()
    {
        const string secret = "s3cret-password-value";
        using var client = _app.CreateClient();

        using var response = await client.PostAsync("/auth/register", new StringContent($$"""{"username":"x","password":["{{secret}}"]}""", Encoding.UTF8, "application/json"));

        Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
