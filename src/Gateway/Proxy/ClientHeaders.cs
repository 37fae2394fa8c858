namespace Trachea.Gateway.Proxy;

/// <summary>
/// Which of the client's headers never reach a backend (docs/proxying.md): the gateway's reserved names
/// (<see cref="IdentityHeaders.IsReserved"/>) and the headers some frameworks rewrite a request's URL or method
/// from, matched the same way (any case, '-', '_' and '.' alike).
/// </summary>
internal static class ClientHeaders
{
    // Read by IIS URL Rewrite, Symfony, Laravel, Spring and ASP.NET Core's HttpMethodOverride, among others.
    private static readonly string[] Rewriting =
    [
        "x-original-url", "x-rewrite-url", "x-original-uri", "x-forwarded-uri", "x-forwarded-prefix",
        "x-http-method-override", "x-http-method", "x-method-override",
    ];

    private const int ShortestRewriting = 13;

    public static bool IsStripped(ReadOnlySpan<char> name) => IdentityHeaders.IsReserved(name) || IsRewriting(name);

    public static bool IsRewriting(ReadOnlySpan<char> name)
    {
        if (name.Length < ShortestRewriting || (name[0] | 0x20) != 'x')
        {
            return false;
        }

        foreach (var rewriting in Rewriting)
        {
            if (SameName(name, rewriting))
            {
                return true;
            }
        }

        return false;
    }

    // Only letters become letters when OR-ed with 0x20, so this compares letters in any case and nothing else loosely.
    private static bool SameName(ReadOnlySpan<char> name, string lowerName)
    {
        if (name.Length != lowerName.Length)
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var matches = IdentityHeaders.IsSeparator(name[i]) ? lowerName[i] == '-' : (char)(name[i] | 0x20) == lowerName[i];
            if (!matches)
            {
                return false;
            }
        }

        return true;
    }
}
