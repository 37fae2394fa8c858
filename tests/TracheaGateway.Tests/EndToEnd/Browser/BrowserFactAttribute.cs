namespace Trachea.Tests.EndToEnd.Browser;

/// <summary>
/// A fact that drives Chromium from Debian through Playwright: skipped unless <see cref="Chromium.Path"/> exists
/// (Playwright's own browser download is never used).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled)
        {
            Skip = $"{Chromium.Path} is missing (apt-get install chromium)";
        }
    }
}
