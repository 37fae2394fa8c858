using Microsoft.Playwright;

namespace Trachea.Tests.EndToEnd.Browser;

/// <summary>Debian's Chromium, launched headless by Playwright from its fixed path.</summary>
public static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(Path);

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new() { ExecutablePath = Path, Headless = true });
}
