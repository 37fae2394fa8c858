namespace Trachea.AuthEndpoints.Startup;

/// <summary>
/// Whether the store has been initialised (schema/indexes, default app checked). A shared store such as
/// MongoDB may be unreachable when the gateway starts: the gateway then starts anyway, not ready, and
/// <see cref="DeferredStoreInitialization"/> finishes the work when the store comes back.
/// </summary>
internal sealed class StoreReadiness
{
    private volatile bool _initialized;

    public bool IsInitialized => _initialized;

    public void MarkInitialized() => _initialized = true;
}
