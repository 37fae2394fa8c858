using Trachea.AuthEndpoints;
using Trachea.Gateway.Cli;
using Trachea.Gateway.Hosting;
using Trachea.Gateway.Proxy;

var isCommand = GatewayCli.IsCommand(args);
var builder = WebApplication.CreateBuilder(isCommand ? [] : args);
builder.AddTracheaAuth();
builder.AddTracheaGateway();
var app = builder.Build();

if (isCommand)
{
    return await GatewayCli.RunAsync(app.Services, args, Console.Out, Console.Error);
}

if (!await StartupReport.PrepareAsync(app.Services, Console.Error))
{
    return 1;
}

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.MapTracheaAuth();
app.MapTracheaGateway();
await app.RunAsync();
return 0;

/// <summary>The gateway host; public so tests can start it in process.</summary>
public partial class Program;
