using System.Globalization;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;
using Trachea.AuthEndpoints.Configuration;
using Trachea.AuthEndpoints.OpenApi;
using Trachea.AuthEndpoints.Telemetry;
using Trachea.Gateway.ForwardAuth;
using Trachea.Gateway.Hosting;

namespace Trachea.Gateway.Operations;

/// <summary>
/// What running the gateway needs besides its features: logs, health, metrics, API docs, CORS, trusted
/// proxies, Kestrel limits and graceful shutdown.
/// </summary>
internal static class OperationsExtensions
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string MetricsPath = "/metrics";

    // Two tagged updates on every request, proxied ones included (about half a percent of the proxy's CPU), for a
    // figure the request-duration histograms already give: requests in flight = rate of their duration sums.
    private const string ActiveRequestsInstrument = "http.server.active_requests";

    private const string HostingLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    // Requests, connections, unhandled exceptions and the /auth rate limiter. Not the memory pool's meter, which
    // records every buffer a connection rents (several updates per proxied request), nor routing's match counter,
    // which repeats what the request duration's route label says.
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting",
    ];

    public static WebApplicationBuilder AddTracheaOperations(this WebApplicationBuilder builder)
    {
        ConfigureLogging(builder);
        var services = builder.Services;
        builder.WebHost.ConfigureKestrel(KestrelLimits.Apply);
        services.AddOptions<GatewayHostOptions>().BindConfiguration(TracheaOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayHostOptions>, GatewayHostOptionsValidator>();
        services.AddOptions<HostOptions>().Configure<IConfiguration>(ConfigureShutdown);

        services.AddHostedService<RequestTraceContext>();
        services.AddHealthChecks()
            .AddCheck<ConfigurationHealthCheck>("configuration", tags: [HealthTags.Ready])
            .AddCheck<StoreHealthCheck>("store", tags: [HealthTags.Ready], timeout: StoreHealthCheck.Timeout)
            .AddCheck<RevocationFeedHealthCheck>("revocations", tags: [HealthTags.Ready]);

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(FrameworkMeters)
            .AddMeter(TracheaMetrics.MeterName)
            .AddView(ActiveRequestsInstrument, MetricStreamConfiguration.Drop)
            .AddPrometheusExporter());

        services.AddTracheaOpenApi();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<GatewayHostOptions>>((cors, host) =>
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. host.Value.CorsOrigins])
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders("Retry-After", "WWW-Authenticate", "RateLimit", "RateLimit-Policy")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10))));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<TracheaOptions>>((forwarded, trachea) =>
        {
            // Only the configured proxies are believed: the framework's default trusts loopback.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in OperationsSettings.KnownProxies(trachea.Value))
            {
                forwarded.KnownProxies.Add(proxy);
            }
        });
        return builder;
    }

    /// <summary>
    /// The outer middleware, before the exception handler: trusted-proxy addresses (only when configured),
    /// the request log line (so it sees the final status), and CORS (only when origins are configured).
    /// </summary>
    public static WebApplication UseTracheaOperations(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TracheaOptions>>().Value;
        if (OperationsSettings.KnownProxies(options).Count > 0)
        {
            app.UseMiddleware<ProxyPeerCapture>();
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RequestLogMiddleware>();
        if (app.Services.GetRequiredService<IOptions<GatewayHostOptions>>().Value.CorsOrigins.Count > 0)
        {
            app.UseCors();
        }

        return app;
    }

    /// <summary>/healthz, /readyz, /metrics and /openapi/v1.json, anonymous; the Scalar page in Development.</summary>
    public static WebApplication MapTracheaOperations(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous().WithMetadata(OperationalEndpoint.Instance);
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(HealthTags.Ready), ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous().WithMetadata(OperationalEndpoint.Instance);
        app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous().WithMetadata(OperationalEndpoint.Instance);
        app.MapOpenApi().AllowAnonymous();
        if (app.Environment.IsDevelopment())
        {
            app.MapScalarApiReference().AllowAnonymous();
        }

        return app;
    }

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }
        else
        {
            builder.Logging.AddJsonConsole(console =>
            {
                console.IncludeScopes = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        builder.Logging.Configure(logging => logging.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        // Defaults beneath every other configuration source, so Logging:LogLevel:* still overrides them. The
        // framework's per-request lines are replaced by ours, which logs the route template, never the raw
        // path and query string. The hosting logger is off altogether: while it is on at any level it opens a
        // log scope with the raw request path on every request, and starts the request's activity for it
        // (together about a tenth of the proxy's throughput); RequestTraceContext keeps that trace context.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                [$"Logging:LogLevel:{HostingLogCategory}"] = "None",
            },
        });
    }

    // Read from raw configuration: the host reads HostOptions while it is built, before start-up validation
    // can report a bad value in one line (an invalid value is reported there and left at the default here).
    private static void ConfigureShutdown(HostOptions host, IConfiguration configuration)
    {
        var value = configuration[$"{TracheaOptions.Section}:{nameof(GatewayHostOptions.ShutdownTimeoutSeconds)}"];
        var seconds = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
            && parsed is >= 1 and <= GatewayHostOptions.MaxShutdownTimeoutSeconds
            ? parsed
            : GatewayHostOptions.DefaultShutdownTimeoutSeconds;
        host.ShutdownTimeout = TimeSpan.FromSeconds(seconds);
    }
}
