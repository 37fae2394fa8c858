using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;
using Trachea.AuthEndpoints.Storage;

namespace Trachea.AuthEndpoints.Apps;

/// <summary>Resolves the app a request is for and checks that it is active and allows the sign-in method.</summary>
internal sealed class AppGate(IAppStore apps, IOptions<TracheaOptions> options)
{
    public async Task<AppRegistration> RequireActiveAsync(string? appId, CancellationToken cancellationToken)
    {
        var id = appId ?? options.Value.DefaultAppId;
        var app = await apps.FindAsync(id, cancellationToken)
            ?? throw new TracheaException(ErrorCodes.AppNotFound, $"App '{id}' is not registered.");
        return app.IsActive ? app : throw new TracheaException(ErrorCodes.AppInactive, $"App '{id}' is disabled.");
    }

    public async Task<AppRegistration> RequireMethodAsync(string? appId, string method, CancellationToken cancellationToken)
    {
        var app = await RequireActiveAsync(appId, cancellationToken);
        return app.AllowedAuthMethods.Contains(method)
            ? app
            : throw new TracheaException(ErrorCodes.AuthMethodNotAllowed, $"App '{app.AppId}' does not allow '{method}' sign-in.");
    }
}
