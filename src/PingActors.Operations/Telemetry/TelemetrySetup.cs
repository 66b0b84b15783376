using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using PingActors.Hosting;
using PingActors.Platform;

namespace PingActors.Operations.Telemetry;

/// <summary>
/// OpenTelemetry for both hosts: metrics always (ASP.NET Core, Orleans, Npgsql, the runtime and PingActors' own
/// meter), served for Prometheus at <c>/metrics</c> and pushed over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set; traces (HTTP, grain calls, SQL and the group-commit batches) whenever they are exported, or when
/// <c>Telemetry:Traces</c> turns them on; logs over OTLP with the rest.
/// </summary>
public static class TelemetrySetup
{
    public const string Section = TelemetryOptions.Section;
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The meters <c>/metrics</c> serves, by name.</summary>
    public static readonly IReadOnlyList<string> Meters =
        [PingActorsMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>The activity sources a trace is made of: the HTTP request, each grain call, each SQL command, each batch.</summary>
    public static readonly IReadOnlyList<string> Sources =
        [PingActorsTracing.SourceName, ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName];

    /// <param name="service">The service name every signal carries (<c>pingactors-api</c>, <c>pingactors-silo</c>).</param>
    public static IHostApplicationBuilder AddPingActorsTelemetry(this IHostApplicationBuilder builder, string service)
    {
        var configuration = builder.Configuration;
        var options = configuration.GetValidated<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(service, serviceInstanceId: Environment.MachineName))
            .WithMetrics(metrics => metrics
                .AddMeter([.. Meters])
                .AddNpgsqlInstrumentation()
                // Room for each instrument's series is set aside up front; see TelemetryOptions.MetricCardinalityLimit.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = options.MetricCardinalityLimit })
                // Every scrape reads the instruments afresh: Prometheus already paces itself.
                .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
        if (TracesOn(configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddAspNetCoreInstrumentation(http => http.Filter = context => !context.Request.Path.StartsWithSegments("/health")
                    && !context.Request.Path.StartsWithSegments("/metrics"))
                .AddSource([.. Sources])
                .AddNpgsql());
        }

        if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Whether this host records traces: <c>Telemetry:Traces</c>, else whether they are exported. A trace costs
    /// every request, grain call and command a span, so a host that sends them nowhere records none.
    /// </summary>
    public static bool TracesOn(IConfiguration configuration) =>
        configuration.GetValue<bool?>($"{Section}:Traces") ?? !string.IsNullOrWhiteSpace(configuration[OtlpEndpointKey]);

    /// <summary>Carries a trace through every grain call this silo makes and receives, when traces are on.</summary>
    public static ISiloBuilder AddPingActorsTracing(this ISiloBuilder silo, IConfiguration configuration) =>
        TracesOn(configuration) ? silo.AddActivityPropagation() : silo;

    /// <summary>Carries a trace into every grain call this client makes, when traces are on.</summary>
    public static IClientBuilder AddPingActorsTracing(this IClientBuilder client, IConfiguration configuration) =>
        TracesOn(configuration) ? client.AddActivityPropagation() : client;

    /// <summary>
    /// <c>/metrics</c> in the Prometheus text format. Not in the OpenAPI document; the host decides who may read it
    /// (the API: an admin or this machine; a silo listens on loopback only).
    /// </summary>
    public static IEndpointConventionBuilder MapPingActorsMetrics(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPrometheusScrapingEndpoint("/metrics").ExcludeFromDescription();
}
