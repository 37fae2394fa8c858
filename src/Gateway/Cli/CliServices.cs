using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Assertions;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Storage;
using Trachea.AuthEndpoints.Users;

namespace Trachea.Gateway.Cli;

/// <summary>
/// The server's settings and store, checked and opened only when a command is about to run, so that
/// <c>--help</c> and a mistyped command line answer without a configured store.
/// </summary>
internal sealed class CliServices(IServiceProvider services)
{
    private Task? _opened;

    public TimeProvider Time => services.GetRequiredService<TimeProvider>();

    public async Task<IAppStore> AppsAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return services.GetRequiredService<IAppStore>();
    }

    public async Task<IUserStore> UsersAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return services.GetRequiredService<IUserStore>();
    }

    public async Task<MembershipChangeService> MembershipChangesAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return services.GetRequiredService<MembershipChangeService>();
    }

    public async Task<SigningKeyAdministration> SigningKeysAsync(CancellationToken cancellationToken)
    {
        await OpenAsync(cancellationToken);
        return services.GetRequiredService<SigningKeyAdministration>();
    }

    // Once per command line: a command that reads both stores opens the store once.
    private Task OpenAsync(CancellationToken cancellationToken) => _opened ??= OpenOnceAsync(cancellationToken);

    private async Task OpenOnceAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IOptions<TracheaOptions>>().Value;
        await services.GetRequiredService<IStoreLifecycle>().InitializeAsync(cancellationToken);
    }
}
