namespace PingActors.Benchmarks.Systems;

/// <summary>A way to send pings that the benchmark measures.</summary>
internal interface IPingSystem
{
    /// <summary>The name in the report.</summary>
    string Name { get; }

    /// <summary>Sends one ping and says what became of it.</summary>
    Task<SendOutcome> SendAsync(PingRequest ping);
}
