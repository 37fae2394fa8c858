namespace Trachea.Gateway.Cli;

/// <summary>A command line that cannot be carried out as written; its message is printed as one line.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
