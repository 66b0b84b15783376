using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace PingActors.Api.Tests.Telemetry;

/// <summary>The API with traces on (<c>Telemetry:Traces</c>) and every span its pipeline ends collected in memory.</summary>
public sealed class TracingFixture() : ApiFixture(new Dictionary<string, string> { ["Telemetry:Traces"] = "true" })
{
    public SpanCollector Spans { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(Spans));
}
