using System.Reflection;

namespace Trachea.Tests.Sessions;

/// <summary>Wraps a store so that every <c>FindByIdAsync</c> is counted; every call goes through.</summary>
public class CountingFindById : DispatchProxy
{
    private object _inner = null!;
    private Action _count = null!;

    public static T Wrap<T>(T inner, Action count)
        where T : class
    {
        var proxy = Create<T, CountingFindById>();
        var counting = (CountingFindById)(object)proxy;
        (counting._inner, counting._count) = (inner, count);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == "FindByIdAsync")
        {
            _count();
        }

        return targetMethod.Invoke(_inner, args);
    }
}
