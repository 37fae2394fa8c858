using Trachea.AuthEndpoints.Storage;

namespace Trachea.Tests.Storage;

/// <summary>One initialised, empty store: the five contract interfaces and what to release afterwards.</summary>
internal sealed class StoreUnderTest(
    IUserStore users, IAppStore apps, IRefreshTokenStore tokens, IRevocationStore revocations, IStoreLifecycle lifecycle, Func<ValueTask> release) : IAsyncDisposable
{
    public IUserStore Users { get; } = users;

    public IAppStore Apps { get; } = apps;

    public IRefreshTokenStore Tokens { get; } = tokens;

    public IRevocationStore Revocations { get; } = revocations;

    public IStoreLifecycle Lifecycle { get; } = lifecycle;

    public ValueTask DisposeAsync() => release();
}
