namespace Trachea.Gateway.Operations;

/// <summary>
/// Who a proxied request came from, as a request feature: the proxy keeps no claims principal per token, so the
/// request log reads the caller from here (and from the user principal on the gateway's own endpoints).
/// </summary>
internal interface IRequestCaller
{
    string UserId { get; }

    string AppId { get; }
}
