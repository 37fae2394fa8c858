using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Trachea.AuthEndpoints.Configuration;
using Trachea.Gateway.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace Trachea.Gateway.Proxy;

/// <summary>Everything wrong with a proxy configuration, as operator-facing sentences.</summary>
internal static class GatewayConfigProblems
{
    /// <summary>
    /// Validates what the routes file holds now the way YARP will when it loads it (YARP's rules and our
    /// <see cref="GatewayTransformProvider.ValidateRoute"/>), so start-up can refuse a bad file with one line per problem.
    /// </summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IServiceProvider services)
    {
        var file = services.GetRequiredService<GatewayConfigFile>();
        var configured = services.GetRequiredService<IOptions<GatewayHostOptions>>().Value.GatewayConfig;
        var contentRoot = services.GetRequiredService<IHostEnvironment>().ContentRootPath;
        if (GatewayConfigFile.ResolvePath(configured, contentRoot) != file.Path)
        {
            // Configuration added after the builder was created (WebApplicationFactory's ConfigureAppConfiguration)
            // comes too late to choose the file; say so instead of silently proxying the wrong routes.
            return [$"TRACHEA_GATEWAY_CONFIG was set to '{configured}' after the routes file {file.Path} had been chosen; set it in the environment, on the command line or in the host configuration."];
        }

        if (file.LoadError is { } loadError)
        {
            return [loadError];
        }

        var problems = new List<string>();
        var validator = services.GetRequiredService<IConfigValidator>();
        foreach (var config in services.GetServices<IProxyConfigProvider>().Select(provider => provider.GetConfig()))
        {
            foreach (var cluster in config.Clusters)
            {
                problems.AddRange((await validator.ValidateClusterAsync(cluster)).Select(Describe));
            }

            foreach (var route in config.Routes)
            {
                problems.AddRange((await validator.ValidateRouteAsync(route)).Select(Describe));
            }
        }

        return problems;
    }

    /// <summary>One line for an exception YARP reports, flattening the aggregate of every configuration error.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Select(Describe)),
        { InnerException: { } inner } when exception is InvalidOperationException => $"{exception.Message} {Describe(inner)}",
        _ => exception.Message,
    };
}
