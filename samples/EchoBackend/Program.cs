// A backend with no auth code: it answers every request with what it received, so the identity headers the
// gateway adds (and the ones it strips) can be seen. Listens on http://127.0.0.1:5100 unless told otherwise.
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

var app = builder.Build();
app.Run(context => context.Response.WriteAsJsonAsync(new
{
    method = context.Request.Method,
    path = context.Request.Path.Value,
    query = context.Request.QueryString.Value,
    headers = context.Request.Headers
        .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(header => header.Key, header => header.Value.ToString()),
}));
app.Run();
