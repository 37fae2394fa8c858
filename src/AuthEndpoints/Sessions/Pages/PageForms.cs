using System.Text;
using static Trachea.AuthEndpoints.Sessions.Pages.HtmlPage;

namespace Trachea.AuthEndpoints.Sessions.Pages;

/// <summary>The forms of the sign-in pages; labelled fields, errors beside the form in the API's own words.</summary>
internal static class PageForms
{
    public static string SignIn(string csrf, string rd, string? username, PageError? error, bool signUp) => Form(
        "/auth/sign_in",
        csrf,
        rd,
        error,
        Field("username", "Username", "text", "username", username, error) + Field("password", "Password", "password", "current-password", null, error),
        "Sign in",
        signUp ? $"""<p class="alt">No account yet? <a href="/auth/sign_up?rd={Encode(Uri.EscapeDataString(rd))}">Create one</a></p>""" : "");

    public static string SignUp(string csrf, string rd, string? username, string? name, PageError? error) => Form(
        "/auth/sign_up",
        csrf,
        rd,
        error,
        Field("username", "Username", "text", "username", username, error)
            + Field("password", "Password", "password", "new-password", null, error)
            + Field("name", "Name (optional)", "text", "name", name, error),
        "Create account",
        $"""<p class="alt">Already have an account? <a href="/auth/sign_in?rd={Encode(Uri.EscapeDataString(rd))}">Sign in</a></p>""");

    public static string SignOut(string csrf, string rd, PageError? error) =>
        Form("/auth/sign_out", csrf, rd, error, "<p>Do you want to sign out?</p>", "Sign out", "");

    public static string Message(PageError error) => ErrorBlock(error);

    private static string Form(string action, string csrf, string rd, PageError? error, string fields, string submit, string after) => $"""
        <form method="post" action="{action}" novalidate>
        <input type="hidden" name="csrf" value="{Encode(csrf)}">
        <input type="hidden" name="rd" value="{Encode(rd)}">
        {fields}
        <button type="submit">{Encode(submit)}</button>
        </form>
        {(error is null ? "" : ErrorBlock(error))}
        {after}
        """;

    private static string Field(string name, string label, string type, string autocomplete, string? value, PageError? error)
    {
        var messages = error?.Fields is { } fields && fields.TryGetValue(name, out var found) ? found : [];
        var html = new StringBuilder()
            .Append($"""<label for="{name}">{Encode(label)}</label>""")
            .Append($"""<input id="{name}" name="{name}" type="{type}" autocomplete="{autocomplete}" value="{Encode(value)}"{(messages.Length > 0 ? $" aria-describedby=\"{name}-error\" aria-invalid=\"true\"" : "")}>""");
        if (messages.Length > 0)
        {
            html.Append($"""<p class="field-error" id="{name}-error">{Encode(string.Join(" ", messages))}</p>""");
        }

        return html.ToString();
    }

    private static string ErrorBlock(PageError error) =>
        $"""<p class="error" role="alert"><strong>{Encode(error.Title)}</strong><br>{Encode(error.Detail)}</p>""";
}
