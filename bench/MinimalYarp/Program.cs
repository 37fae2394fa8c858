// The comparator of bench/run: YARP with its defaults and nothing else (AddReverseProxy + MapReverseProxy),
// every path to the benchmark's backend given as the first argument.
using Yarp.ReverseProxy.Configuration;

var backend = args.Length > 0 ? args[0] : "http://127.0.0.1:18081/";
var builder = WebApplication.CreateBuilder();
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "/{**rest}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["main"] = new() { Address = backend } } }]);
var app = builder.Build();
app.MapReverseProxy();
app.Run();
