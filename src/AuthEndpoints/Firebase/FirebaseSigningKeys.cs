using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.Errors;

namespace Trachea.AuthEndpoints.Firebase;

/// <summary>
/// Google's Firebase signing keys, fetched from <see cref="TracheaOptions.FirebaseKeysUrl"/> and cached for the
/// response's <c>Cache-Control: max-age</c>. An unknown <c>kid</c> triggers at most one refetch per
/// <see cref="UnknownKeyRefetchInterval"/>. Concurrent callers share one fetch. Thread-safe.
/// </summary>
internal sealed class FirebaseSigningKeys
{
    public const string HttpClientName = "Trachea.FirebaseKeys";

    public static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    // A flood of tokens with made-up kids must not turn into a flood of requests to Google.
    public static readonly TimeSpan UnknownKeyRefetchInterval = TimeSpan.FromSeconds(30);

    // Google always sends max-age (hours); the bounds only guard against a missing, zero or absurd value.
    private static readonly TimeSpan ShortestLifetime = UnknownKeyRefetchInterval;
    private static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan LifetimeWithoutMaxAge = TimeSpan.FromMinutes(5);

    private readonly IHttpClientFactory _httpClientFactory;
    private readonly Uri? _keysUrl;
    private readonly TimeProvider _time;
    private readonly ILogger<FirebaseSigningKeys> _logger;
    private readonly Lock _lock = new();
    private volatile FirebaseKeySet? _current;
    private Task<FirebaseKeySet>? _fetch;
    private DateTimeOffset _lastFetchStarted = DateTimeOffset.MinValue;

    public FirebaseSigningKeys(IHttpClientFactory httpClientFactory, IOptions<TracheaOptions> options, TimeProvider time, ILogger<FirebaseSigningKeys> logger)
    {
        _httpClientFactory = httpClientFactory;
        _keysUrl = Uri.TryCreate(options.Value.FirebaseKeysUrl, UriKind.Absolute, out var url) ? url : null;
        _time = time;
        _logger = logger;
    }

    /// <summary>The key with this <c>kid</c>, or null when Google does not publish it.</summary>
    /// <exception cref="TracheaException">IDENTITY_PROVIDER_UNAVAILABLE when the keys cannot be fetched.</exception>
    public async Task<SecurityKey?> FindAsync(string kid, CancellationToken cancellationToken)
    {
        var keys = _current;
        if (keys is null || _time.GetUtcNow() >= keys.ExpiresAt)
        {
            keys = await StartFetch(rateLimited: false)!.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (keys.Find(kid) is { } key)
        {
            return key;
        }

        var refetch = StartFetch(rateLimited: true);
        if (refetch is null)
        {
            return null;
        }

        FirebaseLog.RefetchForUnknownKey(_logger);
        keys = await refetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        return keys.Find(kid);
    }

    private Task<FirebaseKeySet>? StartFetch(bool rateLimited)
    {
        lock (_lock)
        {
            if (_fetch is { IsCompleted: false } running)
            {
                return running;
            }

            var now = _time.GetUtcNow();
            // A caller that found no fresh keys may get here after another caller's fetch has already stored them.
            if (!rateLimited && _current is { } fresh && now < fresh.ExpiresAt)
            {
                return Task.FromResult(fresh);
            }

            if (rateLimited && now - _lastFetchStarted < UnknownKeyRefetchInterval)
            {
                return null;
            }

            _lastFetchStarted = now;
            // The fetch is shared by every waiting caller, so no single caller's cancellation may stop it;
            // the client's timeout bounds it.
            _fetch = FetchAsync();
            return _fetch;
        }
    }

    private async Task<FirebaseKeySet> FetchAsync()
    {
        try
        {
            var keys = await DownloadAsync().ConfigureAwait(false);
            _current = keys;
            return keys;
        }
        catch (TracheaException e)
        {
            FirebaseLog.KeysUnavailable(_logger, e.Message, e.InnerException);
            throw;
        }
    }

    private async Task<FirebaseKeySet> DownloadAsync()
    {
        if (_keysUrl is null)
        {
            throw FirebaseErrors.KeysUnavailable("the key URL is not an absolute URL");
        }

        var client = _httpClientFactory.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync(_keysUrl).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw FirebaseErrors.KeysUnavailable($"the key endpoint answered {(int)response.StatusCode}");
            }

            var json = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            var lifetime = Lifetime(response.Headers.CacheControl);
            var keys = FirebaseKeySet.Parse(json, _time.GetUtcNow() + lifetime);
            FirebaseLog.KeysFetched(_logger, keys.Count, lifetime);
            return keys;
        }
        catch (HttpRequestException e)
        {
            throw FirebaseErrors.KeysUnavailable("the key endpoint cannot be reached", e);
        }
        catch (TaskCanceledException e)
        {
            throw FirebaseErrors.KeysUnavailable("the key endpoint did not answer in time", e);
        }
    }

    private static TimeSpan Lifetime(CacheControlHeaderValue? cacheControl)
    {
        var maxAge = cacheControl?.MaxAge ?? LifetimeWithoutMaxAge;
        return maxAge < ShortestLifetime ? ShortestLifetime : maxAge > LongestLifetime ? LongestLifetime : maxAge;
    }
}
