using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.ForwardAuth;
using Trachea.Gateway.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace Trachea.Gateway.Proxy;

/// <summary>Registers and maps the reverse proxy: YARP from the routes file, route policy, identity headers.</summary>
public static class TracheaGatewayExtensions
{
    private const string ProxySection = "ReverseProxy";
    private const string ForwarderLogCategory = "Yarp.ReverseProxy.Forwarder.HttpForwarder";

    /// <summary>
    /// Adds the routes file as a configuration source (reloaded on change) and YARP on its <c>ReverseProxy</c>
    /// section. Call after <c>AddTracheaAuth</c>, whose TRACHEA_* variables name the file.
    /// </summary>
    public static WebApplicationBuilder AddTracheaGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // YARP's forwarder logs every destination URL, path and query included, at Information; those may carry
        // secrets. A default beneath every other source (Logging:LogLevel:* still overrides it); BackendErrors logs
        // failures without the URL.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { [$"Logging:LogLevel:{ForwarderLogCategory}"] = "Warning" },
        });
        var file = GatewayConfigFile.Create(builder.Configuration[$"{TracheaOptions.Section}:{nameof(GatewayHostOptions.GatewayConfig)}"], builder.Environment.ContentRootPath);
        AddBelowEnvironment(builder.Configuration, file);

        var services = builder.Services;
        services.AddSingleton(file);
        services.AddSingleton<RoutePolicies>();
        services.AddSingleton<OwnAddresses>();
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<ProxyTokenValidator>();
        services.AddSingleton<ProxyMetrics>();
        services.AddSingleton<BackendErrors>();
        services.AddSingleton<RouteAccess>();
        services.AddSingleton<BackendAssertions>();
        services.AddSingleton<CallerWindows>();
        services.AddSingleton<IConfigChangeListener, GatewayConfigListener>();
        services.AddSingleton<ProxyPeers>();
        services.AddSingleton<ForwardAuthRoutes>();
        services.AddSingleton<AppliedConfigs>();
        services.AddSingleton<IConfigChangeListener>(provider => provider.GetRequiredService<AppliedConfigs>());
        services.AddSingleton<ForwardAuthEndpoint>();
        services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection(ProxySection))
            .ConfigureHttpClient(TraceContextTransform.TurnOffClientPropagation)
            .AddTransforms<GatewayTransformProvider>();
        return builder;
    }

    /// <summary>
    /// Maps forward auth (<c>/auth/verify</c>) and every configured route behind the route guard, the route rate limits and the backend-error mapping. The routes short-circuit
    /// at routing: the framework's authentication, authorization and rate-limiting middleware, which have nothing
    /// to do for them (a route names none of their policies, <see cref="GatewayTransformProvider"/>), are skipped.
    /// Their duration is recorded once, by <see cref="ProxyOutcome"/> (by route id), not also by the framework's
    /// request-duration metric.
    /// </summary>
    public static WebApplication MapTracheaGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var file = app.Services.GetRequiredService<GatewayConfigFile>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TracheaGatewayExtensions).FullName!);
        file.UseLogger(logger);
        if (!file.Found)
        {
            GatewayLog.NoConfigFile(logger, file.Path);
        }

        // Forward auth decides for other proxies (docs/forward-auth.md); like the proxied routes it needs none of the
        // framework's authentication, authorization or rate-limiting middleware.
        app.Map(ForwardAuthEndpoint.Path, app.Services.GetRequiredService<ForwardAuthEndpoint>().HandleAsync).ShortCircuit().ExcludeFromDescription();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyOutcome>();
            proxy.UseMiddleware<RouteGuard>();
            proxy.UseMiddleware<RouteRateLimiter>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).ShortCircuit().DisableHttpMetrics();
        return app;
    }

    // The routes file may also carry Trachea:* settings; like appsettings.json, it yields to the environment and
    // the command line, so it goes right after the last file source the host added.
    private static void AddBelowEnvironment(ConfigurationManager configuration, GatewayConfigFile file)
    {
        var sources = configuration.Sources;
        var lastFile = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is FileConfigurationSource)
            {
                lastFile = i;
            }
        }

        sources.Insert(lastFile + 1, file);
    }
}
