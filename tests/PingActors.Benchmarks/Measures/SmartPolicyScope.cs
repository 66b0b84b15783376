using Microsoft.Extensions.DependencyInjection;
using PingActors.Limits;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// PingActors' smart rules (the defaults of <see cref="LimitPolicy"/>, at the run's raised cap) enforced as an admin
/// would store them, for as long as the scope lives; disposing it stores the policy that was in force before as
/// the next version. The benchmark's host is a single silo, which applies a change it stores at once.
/// </summary>
internal sealed class SmartPolicyScope : IAsyncDisposable
{
    private readonly LimitPolicies _policies;
    private readonly LimitPolicyStore _store;
    private readonly LimitPolicySet _before;
    private readonly LimitPolicySet _smart;

    private SmartPolicyScope(LimitPolicies policies, LimitPolicyStore store, LimitPolicySet before, LimitPolicySet smart) =>
        (_policies, _store, _before, _smart) = (policies, store, before, smart);

    public static async Task<SmartPolicyScope> EnforceAsync(IServiceProvider silo)
    {
        var (policies, store) = (silo.GetRequiredService<LimitPolicies>(), silo.GetRequiredService<LimitPolicyStore>());
        var before = policies.Current;
        var smart = before with
        {
            Version = before.Version + 1,
            Enforced = new LimitPolicy { StandardCap = before.Enforced.StandardCap },
            Candidate = null,
            ChangedAt = DateTimeOffset.UtcNow,
            ChangedBy = "benchmark",
        };
        await StoreAsync(policies, store, smart, before.Version);
        return new SmartPolicyScope(policies, store, before, smart);
    }

    public async ValueTask DisposeAsync() =>
        await StoreAsync(_policies, _store, _before with { Version = _smart.Version + 1, ChangedAt = DateTimeOffset.UtcNow, ChangedBy = "benchmark" }, _smart.Version);

    private static async Task StoreAsync(LimitPolicies policies, LimitPolicyStore store, LimitPolicySet next, long previous)
    {
        if (!await store.WriteAsync(next, previous))
        {
            throw new InvalidOperationException($"Someone else changed the limit policies after version {previous}.");
        }

        await policies.RefreshAsync();
    }
}
