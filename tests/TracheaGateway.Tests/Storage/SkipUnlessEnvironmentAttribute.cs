namespace Trachea.Tests.Storage;

/// <summary>
/// On a test class: its <see cref="StoreFactAttribute"/> tests, inherited ones included, are reported as
/// skipped unless the environment variable is set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SkipUnlessEnvironmentAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}
