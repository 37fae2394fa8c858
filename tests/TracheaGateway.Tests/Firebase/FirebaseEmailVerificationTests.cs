using System.Net;
using System.Text.Json;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;
using Trachea.Tests.Operations;

namespace Trachea.Tests.Firebase;

/// <summary>
/// A Firebase sign-in claims its email only when the token says <c>email_verified: true</c>: an unproven address
/// is never stored, never checked for uniqueness, and so can neither pre-hijack nor block its owner's account.
/// </summary>
public sealed class FirebaseEmailVerificationTests : IDisposable
{
    private readonly FirebaseGatewayTokens _tokens = new();
    private readonly OperationsGateway _app;

    public FirebaseEmailVerificationTests() => _app = new OperationsGateway(_tokens.Settings);

    private IUserStore Users => _app.Service<IUserStore>();

    [Theory]
    [InlineData("password", false)]
    [InlineData("google.com", false)]
    [InlineData("facebook.com", false)]
    [InlineData("apple.com", false)]
    [InlineData("password", null)]
    public async Task Login_UnverifiedEmail_SignsInWithoutEmail(string provider, bool? emailVerified)
    {
        var uid = TestUsers.UniqueName("uid");

        var pair = await LoginAsync(_tokens.Token(uid, provider, $"{uid}@example.com", emailVerified));

        AssertNoEmail(pair.Body.GetProperty("user"));
        Assert.False(JwtPayload.Read(pair.AccessToken).TryGetProperty("email", out _), "no email claim for an unverified email");
        using var client = _app.CreateClient(pair.AccessToken);
        AssertNoEmail(await client.GetFromJsonAsync<JsonElement>("/users/me"));
        var stored = await Users.FindByFirebaseUidAsync(uid, CancellationToken.None);
        Assert.Equal(pair.UserId, stored!.Id);
        Assert.Null(stored.Email);
    }

    [Fact]
    public async Task Login_UnverifiedEmail_DoesNotBlockTheOwnerSigningInVerified()
    {
        var email = $"{TestUsers.UniqueName("victim")}@example.com";
        var squatter = await LoginAsync(_tokens.Token(TestUsers.UniqueName("uid"), "password", email, emailVerified: false));

        var owner = await LoginAsync(_tokens.Token(TestUsers.UniqueName("uid"), "google.com", email, emailVerified: true));

        Assert.NotEqual(squatter.UserId, owner.UserId);
        Assert.Equal(email, owner.Body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(email, JwtPayload.Read(owner.AccessToken).GetProperty("email").GetString());
        Assert.Equal(owner.UserId, (await Users.FindByEmailAsync(email, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Login_UnverifiedEmailHeldByAnotherUser_SignsInWithoutEmailNotEmailTaken()
    {
        var email = $"{TestUsers.UniqueName()}@example.com";
        var existing = await _app.RegisterAsync(TestUsers.UniqueName());
        await SetEmailAsync(existing.AccessToken, email);

        var pair = await LoginAsync(_tokens.Token(TestUsers.UniqueName("uid"), "password", email, emailVerified: false));

        Assert.NotEqual(existing.UserId, pair.UserId);
        AssertNoEmail(pair.Body.GetProperty("user"));
        Assert.Equal(existing.UserId, (await Users.FindByEmailAsync(email, CancellationToken.None))!.Id);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("google.com")]
    [InlineData("facebook.com")]
    [InlineData("apple.com")]
    public async Task Login_LaterVerifiedTokenForSameUid_AddsEmail(string provider)
    {
        var uid = TestUsers.UniqueName("uid");
        var email = $"{uid}@example.com";
        var first = await LoginAsync(_tokens.Token(uid, provider, email, emailVerified: false));

        var later = await LoginAsync(_tokens.Token(uid, provider, email, emailVerified: true));

        Assert.Equal(first.UserId, later.UserId);
        Assert.Equal(email, later.Body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(email, JwtPayload.Read(later.AccessToken).GetProperty("email").GetString());
        Assert.Equal(email, (await Users.FindByIdAsync(first.UserId, CancellationToken.None))!.Email);
    }

    [Fact]
    public async Task Login_LaterVerifiedEmailHeldByAnotherUser_Returns409EmailTaken()
    {
        var uid = TestUsers.UniqueName("uid");
        var email = $"{uid}@example.com";
        var first = await LoginAsync(_tokens.Token(uid, "password", email, emailVerified: false));
        var other = await _app.RegisterAsync(TestUsers.UniqueName());
        await SetEmailAsync(other.AccessToken, email);

        using var response = await PostLoginAsync(_tokens.Token(uid, "password", email, emailVerified: true));

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "EMAIL_TAKEN");
        Assert.Null((await Users.FindByIdAsync(first.UserId, CancellationToken.None))!.Email);
        Assert.Equal(other.UserId, (await Users.FindByEmailAsync(email, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task Login_VerifiedEmailForAccountWithEmail_KeepsTheAccountsEmail()
    {
        var uid = TestUsers.UniqueName("uid");
        var chosen = $"{uid}-chosen@example.com";
        var first = await LoginAsync(_tokens.Token(uid, "password", null, emailVerified: null));
        await SetEmailAsync(first.AccessToken, chosen);

        var later = await LoginAsync(_tokens.Token(uid, "password", $"{uid}@example.com", emailVerified: true));

        Assert.Equal(chosen, later.Body.GetProperty("user").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Login_UnverifiedEmail_LogsTheDropWithoutTheAddress()
    {
        var email = $"{TestUsers.UniqueName("secret")}@example.com";

        var pair = await LoginAsync(_tokens.Token(TestUsers.UniqueName("uid"), "password", email, emailVerified: false));

        var dropped = Assert.Single(_app.Logs.Entries, entry => entry.EventId == 2008);
        Assert.Equal(pair.UserId, dropped.Values["UserId"]);
        Assert.Equal(TestApps.Demo, dropped.Values["AppId"]);
        Assert.DoesNotContain(_app.Logs.Entries, entry => entry.AllText.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose()
    {
        _app.Dispose();
        _tokens.Dispose();
    }

    private static void AssertNoEmail(JsonElement profile) =>
        Assert.True(
            !profile.TryGetProperty("email", out var email) || email.ValueKind == JsonValueKind.Null,
            $"expected no email, got {profile}");

    private async Task<TokenPair> LoginAsync(string token)
    {
        using var response = await PostLoginAsync(token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await TokenPair.ReadAsync(response);
    }

    private async Task<HttpResponseMessage> PostLoginAsync(string token)
    {
        using var client = _app.CreateClient();
        return await client.PostAsJsonAsync("/auth/login", new { firebase_token = token });
    }

    private async Task SetEmailAsync(string accessToken, string email)
    {
        using var client = _app.CreateClient(accessToken);
        using var response = await client.PatchAsJsonAsync("/users/me", new { email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
