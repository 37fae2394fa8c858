namespace Trachea.AuthEndpoints.Storage;

/// <summary>Schema/index creation at start-up and a cheap reachability probe for readiness.</summary>
internal interface IStoreLifecycle
{
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <returns>True when the database answers.</returns>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
