using System.Security.Cryptography;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.Tests.Infrastructure;

namespace Trachea.Tests.Storage;

/// <summary>The <c>signing_keys</c> part of the store contract, for every store.</summary>
public abstract class SigningKeyStoreContractTests
{
    private protected static readonly CancellationToken None = CancellationToken.None;
    private protected static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    private protected static SigningKeyProtector Protector { get; } =
        new(Microsoft.Extensions.Options.Options.Create(new TracheaOptions { JwtSecret = GatewayApplication.JwtSecret }));

    private protected static SigningKeyFactory Factory { get; } = new(Protector);

    /// <summary>Opens an initialised, empty store (<see cref="OpenedKeys.OpenSecondAsync"/> opens it again, as another instance would).</summary>
    private protected abstract Task<OpenedKeys> OpenAsync();

    [StoreFact]
    public async Task InsertAndList_RoundTripsEveryField_OldestFirst()
    {
        await using var opened = await OpenAsync();
        var first = Factory.Create(Now, Now);
        var second = Factory.Create(Now.AddMinutes(1), Now.AddMinutes(11)) with { RetiredAt = Now.AddMinutes(2) };

        Assert.True(await opened.Store.InsertAsync(second, None));
        Assert.True(await opened.Store.InsertAsync(first, None));
        Assert.False(await opened.Store.InsertAsync(first, None));

        Assert.Equal([first, second], await opened.Store.ListAsync(None));
    }

    [StoreFact]
    public async Task InsertInitial_OnlyIntoAnEmptyRing()
    {
        await using var opened = await OpenAsync();
        var first = Factory.Create(Now, Now);

        Assert.True(await opened.Store.InsertInitialAsync(first, None));
        Assert.False(await opened.Store.InsertInitialAsync(Factory.Create(Now, Now), None));

        Assert.Equal([first], await opened.Store.ListAsync(None));
    }

    [StoreFact]
    public async Task InsertInitial_ManyInstancesAtOnce_ExactlyOneKeyIsKept()
    {
        await using var opened = await OpenAsync();
        var others = new List<OpenedKeys>();
        for (var i = 0; i < 4; i++)
        {
            others.Add(await opened.OpenSecondAsync());
        }

        var results = await Task.WhenAll(others.Prepend(opened).Select(o => Task.Run(() => o.Store.InsertInitialAsync(Factory.Create(Now, Now), None))));

        Assert.Single(results, inserted => inserted);
        Assert.Single(await opened.Store.ListAsync(None));
        foreach (var other in others)
        {
            await other.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task Retire_SetsRetiredAtOnce_UnknownOrRetiredKeyIsFalse()
    {
        await using var opened = await OpenAsync();
        var key = Factory.Create(Now, Now);
        await opened.Store.InsertInitialAsync(key, None);

        Assert.True(await opened.Store.RetireAsync(key.Kid, Now.AddMinutes(5), None));
        Assert.False(await opened.Store.RetireAsync(key.Kid, Now.AddMinutes(6), None));
        Assert.False(await opened.Store.RetireAsync("unknown", Now, None));

        Assert.Equal(Now.AddMinutes(5), Assert.Single(await opened.Store.ListAsync(None)).RetiredAt);
    }

    [StoreFact]
    public async Task StoredRow_HoldsNoPrivateKeyInClear()
    {
        await using var opened = await OpenAsync();
        var key = Factory.Create(Now, Now);
        await opened.Store.InsertAsync(key, None);

        var raw = await opened.RawPrivateKeyAsync(key.Kid);

        Assert.Equal(key.PrivateKey, raw);
        Assert.StartsWith("v1.", raw, StringComparison.Ordinal);
        var clear = Protector.Unprotect(key.Kid, raw)!;
        Assert.DoesNotContain(Convert.ToBase64String(clear)[..40], Base64(raw[3..]), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(clear), Convert.ToHexString(Convert.FromBase64String(Base64(raw[3..]))), StringComparison.Ordinal);
        using var ecdsa = ECDsa.Create();
        Assert.ThrowsAny<CryptographicException>(() => ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(Base64(raw[3..])), out _));
        Assert.DoesNotContain("\"d\"", key.PublicJwk, StringComparison.Ordinal);
    }

    private static string Base64(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
    }

    /// <summary>A store under test and the ways to look behind it.</summary>
    private protected sealed class OpenedKeys(
        ISigningKeyStore store, Func<string, Task<string>> rawPrivateKey, Func<Task<OpenedKeys>> openSecond, Func<ValueTask> release) : IAsyncDisposable
    {
        public ISigningKeyStore Store { get; } = store;

        /// <summary>The <c>private_key</c> exactly as the row or document holds it.</summary>
        public Task<string> RawPrivateKeyAsync(string kid) => rawPrivateKey(kid);

        public Task<OpenedKeys> OpenSecondAsync() => openSecond();

        public ValueTask DisposeAsync() => release();
    }
}
