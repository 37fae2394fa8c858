using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trachea.Tests.Storage;

/// <summary>A store contract test that is skipped when its class needs an environment variable that is unset.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    public StoreTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay defaultMethodDisplay, TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var required = TestMethod.TestClass.Class
            .GetCustomAttributes(typeof(SkipUnlessEnvironmentAttribute))
            .Select(attribute => (string)attribute.GetConstructorArguments().Single())
            .FirstOrDefault(variable => string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)));
        return required is null ? base.GetSkipReason(factAttribute) : $"{required} is not set";
    }
}
