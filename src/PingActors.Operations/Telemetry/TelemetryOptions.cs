using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PingActors.Operations.Telemetry;

/// <summary>The <c>Telemetry</c> settings a host needs while it is being built (<c>Telemetry:Traces</c> is read apart: its default depends on OTLP).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The share of new traces kept; a caller's sampled trace is always continued.</summary>
    [Range(0.0, 1.0)]
    public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>
    /// The series one instrument may have. OpenTelemetry sets aside room for this many in every instrument when it is
    /// first seen (2,000 by default: 150-odd instruments took about 20 MB of every host, whatever they recorded). The
    /// busiest of ours, <c>http.server.request.duration</c> (route, method, status), has a few hundred at most; a
    /// measurement past the limit is counted in the instrument's <c>otel_metric_overflow="true"</c> series, not lost.
    /// </summary>
    [Range(1, 100_000)]
    public int MetricCardinalityLimit { get; set; } = 500;
}

[OptionsValidator]
internal sealed partial class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>;
