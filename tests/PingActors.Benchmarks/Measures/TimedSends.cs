using System.Collections.Concurrent;
using System.Diagnostics;
using PingActors.Benchmarks.Systems;

namespace PingActors.Benchmarks.Measures;

/// <summary>A system whose admitted pings are noted with when their send started and when it was answered.</summary>
internal sealed class TimedSends(IPingSystem inner) : IPingSystem
{
    private readonly ConcurrentDictionary<(string Sender, Guid ListingId), (long Started, long Answered)> _admitted = new();

    public string Name => inner.Name;

    public IReadOnlyDictionary<(string Sender, Guid ListingId), (long Started, long Answered)> Admitted => _admitted;

    public async Task<SendOutcome> SendAsync(PingRequest ping)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = await inner.SendAsync(ping);
        if (outcome == SendOutcome.Admitted)
        {
            _admitted.TryAdd((ping.Sender, ping.ListingId), (started, Stopwatch.GetTimestamp()));
        }

        return outcome;
    }
}
