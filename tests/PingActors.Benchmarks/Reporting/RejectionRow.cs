namespace PingActors.Benchmarks.Reporting;

/// <summary>A sender over the limit pinging repeatedly.</summary>
internal sealed record RejectionRow(string System, int Clients, double PerSecond, double RoundTripsPerRejection);
