using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace Trachea.AuthEndpoints.Sessions.Pages;

/// <summary>
/// The frame of every sign-in page: plain HTML with one small inline stylesheet (allowed by its hash, nothing else
/// may load), never cached, never framed. Every value placed in a page goes through <see cref="Encode"/>.
/// </summary>
internal static class HtmlPage
{
    private const string Style = """
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f3f4f6;color:#111827}
        main{max-width:26rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
        h1{font-size:1.4rem;margin:0 0 .25rem}
        .app{color:#4b5563;margin:0 0 1.25rem}
        label{display:block;font-weight:600;margin:.9rem 0 .25rem}
        input{width:100%;padding:.65rem .75rem;font-size:1rem;border:1px solid #9ca3af;border-radius:.5rem}
        input:focus{outline:3px solid #93c5fd;border-color:#2563eb}
        button{width:100%;margin-top:1.25rem;padding:.75rem;font-size:1rem;font-weight:600;color:#fff;background:#2563eb;border:0;border-radius:.5rem;cursor:pointer}
        button:hover{background:#1d4ed8}
        .error{margin:1rem 0 0;padding:.75rem;border-radius:.5rem;background:#fef2f2;color:#991b1b;border:1px solid #fecaca}
        .field-error{color:#991b1b;margin:.25rem 0 0;font-size:.9rem}
        .alt{margin:1.25rem 0 0;text-align:center}
        a{color:#1d4ed8}
        @media (max-width:30rem){main{margin:0;min-height:100vh;border-radius:0;box-shadow:none}}
        """;

    private static readonly string StyleHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)));

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <param name="formTargets">CSP sources a form's redirect may lead to, besides this origin (allowed return hosts).</param>
    public static IResult Render(HttpContext context, int status, string title, string appName, string body, string formTargets)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src 'sha256-{StyleHash}'; img-src 'self'; form-action 'self'{formTargets}; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · {Encode(appName)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <h1>{Encode(title)}</h1>
            <p class="app">{Encode(appName)}</p>
            {body}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
