namespace Trachea.Tests.Infrastructure;

/// <summary>One in-process gateway shared by the tests of a class.</summary>
public sealed class GatewayFixture : IDisposable
{
    public GatewayApplication App { get; } = new();

    public void Dispose() => App.Dispose();
}
