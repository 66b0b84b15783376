using PingActors.Pings;

namespace PingActors.Benchmarks.Simulation;

/// <summary>Everything a simulated month produced, counted as it happens (from many calls at once), and its figures.</summary>
internal sealed class SimulationTally
{
    private readonly Lock _gate = new();
    private readonly List<(bool Spam, string Owner, DateTimeOffset From, DateTimeOffset Until, bool Answered)> _admitted = [];
    private readonly Dictionary<(bool Spam, string Reason), int> _refused = [];
    private readonly int[] _attempts = new int[2];
    private int _deferred;

    public SimulationResult? Result { get; private set; }

    public void Attempted(bool spam, SendPingOutcome outcome, string? limit)
    {
        lock (_gate)
        {
            _attempts[spam ? 1 : 0]++;
            if (outcome != SendPingOutcome.Sent && limit is not null)
            {
                // Only the limits count: a ping to a closed listing or a second one while one is pending is refused under any policy.
                var key = (spam, limit);
                _refused[key] = _refused.GetValueOrDefault(key) + 1;
            }
        }
    }

    /// <summary>A good sender read a cooldown in their limits and put a ping off until it ends.</summary>
    public void Deferred() => Interlocked.Increment(ref _deferred);

    public void Admitted(bool spam, string owner, DateTimeOffset at, DateTimeOffset until, bool answered)
    {
        lock (_gate)
        {
            _admitted.Add((spam, owner, at, until, answered));
        }
    }

    /// <summary>The figures: answers, the pending load on owners (each hour, every owner who ever got a ping), and who was refused.</summary>
    public void Finish(string policy, DateTimeOffset start, DateTimeOffset end)
    {
        var samples = new List<int>();
        foreach (var owner in _admitted.GroupBy(a => a.Owner))
        {
            for (var hour = start; hour < end; hour = hour.AddHours(1))
            {
                samples.Add(owner.Count(p => p.From <= hour && hour < p.Until));
            }
        }

        samples.Sort();
        int Percentile(double p) => samples.Count == 0 ? 0 : samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(p * samples.Count) - 1)];
        int Refused(bool spam) => _refused.Where(r => r.Key.Spam == spam).Sum(r => r.Value);
        Result = new SimulationResult(
            policy,
            _admitted.Count,
            _admitted.Count(a => a.Answered),
            Percentile(0.5),
            Percentile(0.99),
            _attempts[1],
            Refused(spam: true),
            _attempts[0],
            Refused(spam: false),
            _admitted.Count(a => a.Spam),
            _refused.Where(r => !r.Key.Spam).ToDictionary(r => r.Key.Reason, r => r.Value),
            _deferred);
    }
}
