using Xunit.Sdk;

namespace Trachea.Tests.Storage;

/// <summary>
/// A fact of the shared store contract. An attribute on an abstract base method cannot see which store
/// runs it, so its discoverer looks at the concrete test class for <see cref="SkipUnlessEnvironmentAttribute"/>.
/// </summary>
[XunitTestCaseDiscoverer("Trachea.Tests.Storage.StoreFactDiscoverer", "TracheaGateway.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;
