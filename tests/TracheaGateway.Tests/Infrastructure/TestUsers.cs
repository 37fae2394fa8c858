namespace Trachea.Tests.Infrastructure;

public static class TestUsers
{
    public const string Password = "correct horse battery";

    private static int _next;

    /// <summary>A username no other test uses.</summary>
    public static string UniqueName(string prefix = "user") => $"{prefix}{Interlocked.Increment(ref _next)}";
}
