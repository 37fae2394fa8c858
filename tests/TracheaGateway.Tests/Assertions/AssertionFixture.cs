using Trachea.Tests.Proxy;

namespace Trachea.Tests.Assertions;

/// <summary>One <see cref="AssertionGateway"/> and its backend for the tests that do not change the key ring.</summary>
public sealed class AssertionFixture : IDisposable
{
    public AssertionFixture()
    {
        App = new AssertionGateway(Backend);
    }

    public RecordingBackend Backend { get; } = new();

    internal AssertionGateway App { get; }

    public void Dispose()
    {
        App.Dispose();
        Backend.Dispose();
    }
}
