using Microsoft.AspNetCore.Http;

namespace Trachea.Gateway.ForwardAuth;

/// <summary>
/// A forwarded path as Kestrel reads a request's own (docs/proxying.md), so that the proxy's path rules and route
/// matching judge the same string: percent-decoded but for <c>%2F</c>. Unlike the proxy, forward auth never resolves
/// <c>.</c> or <c>..</c>: the app behind the other proxy receives the target as it was sent and might resolve them
/// differently, so a target holding one is refused.
/// </summary>
internal static class TargetPath
{
    public static PathString Decode(string rawPath) => PathString.FromUriComponent(rawPath);

    public static bool HasDotSegment(PathString path)
    {
        foreach (var segment in path.Value.AsSpan().Split('/'))
        {
            if (path.Value.AsSpan()[segment] is "." or "..")
            {
                return true;
            }
        }

        return false;
    }
}
