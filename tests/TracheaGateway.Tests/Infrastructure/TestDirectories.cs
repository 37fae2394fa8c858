namespace Trachea.Tests.Infrastructure;

public static class TestDirectories
{
    public static string Create() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "trachea-tests", Guid.NewGuid().ToString("N"))).FullName;
}
