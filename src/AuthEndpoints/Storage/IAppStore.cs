namespace Trachea.AuthEndpoints.Storage;

/// <summary>The app registry.</summary>
internal interface IAppStore
{
    Task<AppRegistration?> FindAsync(string appId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AppRegistration>> ListAsync(CancellationToken cancellationToken);

    /// <returns>False when an app with that id already exists (nothing is written).</returns>
    Task<bool> InsertAsync(AppRegistration app, CancellationToken cancellationToken);

    /// <returns>False when no app has that id.</returns>
    Task<bool> SetActiveAsync(string appId, bool isActive, CancellationToken cancellationToken);

    /// <returns>False when no app has that id.</returns>
    Task<bool> SetSelfServicePlansAsync(string appId, IReadOnlyList<string> plans, CancellationToken cancellationToken);
}
