using Trachea.AuthEndpoints;
using Trachea.Gateway.Cli;
using Trachea.Gateway.Hosting;
using Trachea.Gateway.Operations;
using Trachea.Gateway.Proxy;

if (HealthProbe.IsCommand(args))
{
    return await HealthProbe.RunAsync(args, Console.Error);
}

var isCommand = GatewayCli.IsCommand(args);
// The host would watch appsettings*.json with a watcher covering the whole content root, the data directory
// included, and wake on every store write; the gateway reads those settings once, at start-up.
string[] hostArgs = ["--hostBuilder:reloadConfigOnChange=false", .. isCommand ? [] : args];
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddTracheaAuth();
builder.AddTracheaOperations();
builder.AddTracheaGateway();
UnusedKeyRing.SkipStartupLoad(builder.Services);
var app = builder.Build();

if (isCommand)
{
    return await GatewayCli.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (!await StartupReport.PrepareAsync(app.Services, Console.Error))
{
    return 1;
}

app.UseTracheaOperations();
app.UseExceptionHandler();
// Routing after the outer middleware: proxied routes short-circuit here (MapTracheaGateway), so what follows runs
// for the gateway's own endpoints only; RouteGuard authorizes proxied requests. Status code pages among them: a
// backend's bodiless error reaches the client as the backend sent it.
app.UseRouting();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapTracheaAuth();
app.MapTracheaOperations();
app.MapTracheaGateway();
try
{
    await app.RunAsync();
}
catch (Exception failure) when (StartupReport.Describe(failure) is { } lines)
{
    await StartupReport.WriteAsync(Console.Error, lines);
    return 1;
}

return 0;

/// <summary>The gateway host; public so tests can start it in process.</summary>
public partial class Program;
