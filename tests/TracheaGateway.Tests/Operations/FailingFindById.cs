using System.Reflection;

namespace Trachea.Tests.Operations;

/// <summary>Wraps a store so that <c>FindByIdAsync</c> throws an unexpected exception; every other call goes through.</summary>
public class FailingFindById : DispatchProxy
{
    private object _inner = null!;

    public static T Wrap<T>(T inner)
        where T : class
    {
        var proxy = Create<T, FailingFindById>();
        ((FailingFindById)(object)proxy)._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod!.Name == "FindByIdAsync"
            ? throw new InvalidOperationException("planted store failure")
            : targetMethod.Invoke(_inner, args);
}
