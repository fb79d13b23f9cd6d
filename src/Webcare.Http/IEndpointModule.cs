using Microsoft.AspNetCore.Routing;

namespace Webcare.Http;

/// <summary>A feature's endpoints on the local listener (webhook ingest, Slack HTTP mode, …). Register with <c>AddEndpointModule&lt;T&gt;()</c>.</summary>
public interface IEndpointModule
{
    void Map(IEndpointRouteBuilder endpoints);
}
