namespace PingActors.Api.Tests.Telemetry;

/// <summary>
/// The tests that read <c>/metrics</c>, on an API of their own, run after the others, alone. A host's meters
/// (ASP.NET Core's, Orleans') share their names with every other host in the test process, and OpenTelemetry stops
/// serving a series once one of its namesakes is disposed with its host: alone, no other host comes and goes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "metrics";
}
