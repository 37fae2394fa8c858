using Trachea.AuthEndpoints.Storage.Sqlite;

namespace Trachea.Tests.Infrastructure;

internal static class SqliteCleanup
{
    /// <summary>Closes the pooled connections to the data dir's database, then deletes the dir.</summary>
    public static void ReleaseAndDelete(string dataDir)
    {
        new SqliteDatabase(dataDir).Dispose();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing keeps the file for a moment; the temp dir is cleaned by the OS.
        }
    }
}
