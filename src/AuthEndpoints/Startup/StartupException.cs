namespace Trachea.AuthEndpoints.Startup;

/// <summary>A start-up problem the operator must fix; printed as one line, without a stack trace.</summary>
internal sealed class StartupException(string message) : Exception(message);
