using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;

namespace Trachea.AuthEndpoints.Firebase;

internal static class FirebaseServiceCollectionExtensions
{
    // Google's key set is a few KiB.
    private const int MaxKeySetBytes = 256 * 1024;

    /// <summary>
    /// Registers Firebase ID-token verification: <see cref="FirebaseTokenVerifier"/>, the key cache, the
    /// <see cref="FirebaseSigningKeys.HttpClientName"/> HTTP client and start-up checks of the Firebase settings.
    /// </summary>
    public static IServiceCollection AddTracheaFirebase(this IServiceCollection services)
    {
        services.AddHttpClient(FirebaseSigningKeys.HttpClientName, client =>
        {
            client.Timeout = FirebaseSigningKeys.FetchTimeout;
            client.MaxResponseContentBufferSize = MaxKeySetBytes;
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TracheaOptions>, FirebaseOptionsValidation>());
        services.AddOptions<TracheaOptions>().ValidateOnStart();
        services.TryAddSingleton(provider => FirebaseProjectResolver.Resolve(provider.GetRequiredService<IOptions<TracheaOptions>>().Value));
        services.TryAddSingleton<FirebaseSigningKeys>();
        services.TryAddSingleton<FirebaseTokenVerifier>();
        return services;
    }
}
