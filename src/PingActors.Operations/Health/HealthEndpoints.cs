using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PingActors.Operations.Health;

/// <summary>Health checks and their endpoints, the same in every host.</summary>
public static class HealthEndpoints
{
    private const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Registers the readiness checks: PostgreSQL answers, this process is part of the cluster, and the analytics
    /// backlog. The host registers what they read (the database, the analytics reads; a silo has both).
    /// </summary>
    /// <param name="hostsSilo">Whether this process hosts a silo (else it is a cluster client).</param>
    public static IHealthChecksBuilder AddPingActorsHealthChecks(this IServiceCollection services, bool hostsSilo)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<AnalyticsHealthCheck>("analytics", tags: [ReadyTag]);
        return hostsSilo
            ? checks.AddCheck<SiloHealthCheck>("cluster", tags: [ReadyTag])
            : checks.AddCheck<ClientHealthCheck>("cluster", tags: [ReadyTag]);
    }

    /// <summary>
    /// <c>/health/live</c> answers while the process runs; <c>/health/ready</c> while every readiness check
    /// passes, with each check's details as JSON. Both are anonymous: they say nothing a caller could misuse.
    /// </summary>
    public static IEndpointRouteBuilder MapPingActorsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous().ExcludeFromDescription();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(
                entry => entry.Key,
                entry => new { status = entry.Value.Status.ToString(), description = entry.Value.Description, data = entry.Value.Data }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, _json, context.RequestAborted);
    }
}
