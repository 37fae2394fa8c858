using Trachea.Samples.EchoBackend;

// A backend with no auth code: it answers every request with what it received, so the identity headers the
// gateway adds (and the ones it strips) can be seen, and beside them the gateway's signed assertion as verified
// against the gateway's JWKS (or why it failed). Browser navigations (GET/HEAD accepting text/html) get that as
// a small HTML page; everything else gets JSON. Listens on http://127.0.0.1:5100 unless told otherwise.
// Settings (environment or --Name=value): JwksUrl (default http://127.0.0.1:8080/.well-known/jwks.json),
// Issuer (default trachea-gateway), Audience (not checked unless set).
var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5100");
}

var verifier = new AssertionVerifier(
    new HttpClient { Timeout = TimeSpan.FromSeconds(5) },
    new Uri(builder.Configuration["JwksUrl"] ?? "http://127.0.0.1:8080/.well-known/jwks.json"),
    builder.Configuration["Issuer"] ?? "trachea-gateway",
    builder.Configuration["Audience"],
    TimeProvider.System);

var app = builder.Build();
app.Run(async context =>
{
    var assertion = await verifier.VerifyAsync(context.Request);
    if (IdentityPage.IsWanted(context.Request))
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(IdentityPage.Render(context.Request, assertion));
        return;
    }

    await context.Response.WriteAsJsonAsync(new
    {
        method = context.Request.Method,
        path = context.Request.Path.Value,
        query = context.Request.QueryString.Value,
        headers = context.Request.Headers
            .OrderBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(header => header.Key, header => header.Value.ToString()),
        assertion,
    });
});
app.Run();
