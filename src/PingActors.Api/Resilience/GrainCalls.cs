using Polly;
using Polly.Retry;

namespace PingActors.Api.Resilience;

/// <summary>
/// Retries grain calls that are safe to repeat when the cluster is briefly unreachable: a silo that just died
/// leaves calls to its grains failing until the grains live again elsewhere. Only idempotent calls go through
/// here (a send carries its ping id; reads change nothing), so a retry never creates anything twice.
/// </summary>
public sealed class GrainCalls
{
    private readonly ResiliencePipeline _pipeline = new ResiliencePipelineBuilder()
        .AddTimeout(TimeSpan.FromSeconds(60))
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<SiloUnavailableException>().Handle<OrleansMessageRejectionException>().Handle<TimeoutException>(),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(100),
            MaxDelay = TimeSpan.FromSeconds(2),
            MaxRetryAttempts = 12,
        })
        .Build();

    /// <summary>Runs <paramref name="call"/>, again if the cluster could not be reached.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken = default) =>
        await _pipeline.ExecuteAsync(async _ => await call(), cancellationToken);
}
