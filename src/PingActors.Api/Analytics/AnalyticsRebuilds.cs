using PingActors.Analytics;

namespace PingActors.Api.Analytics;

/// <summary>Where a rebuild started from this API process stands.</summary>
/// <param name="State"><c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Pings">Pings folded in so far.</param>
/// <param name="Total">Pings in the history when the rebuild began.</param>
public sealed record RebuildStatus(string State, long Pings, long Total, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>
/// Runs analytics rebuilds in the background of this API process, one at a time, and keeps the latest one's
/// progress for <c>GET /v1/admin/analytics/rebuild</c>. Across processes the database lets only one run.
/// </summary>
public sealed partial class AnalyticsRebuilds(
    AnalyticsRebuilder rebuilder, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<AnalyticsRebuilds> logger)
{
    private readonly Lock _gate = new();
    private RebuildStatus? _latest;
    private Task? _completion;

    /// <summary>Completes when the latest rebuild started here has finished (and its status says how).</summary>
    public Task? Completion
    {
        get
        {
            lock (_gate)
            {
                return _completion;
            }
        }
    }

    public RebuildStatus? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>Starts a rebuild and returns once it holds the database's rebuild lock; null if one is already running.</summary>
    public async Task<RebuildStatus?> StartAsync()
    {
        lock (_gate)
        {
            if (_latest?.State == "running")
            {
                return null;
            }

            _latest = new RebuildStatus("running", 0, 0, clock.GetUtcNow(), null, null);
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new Progress(this, started);
        var run = Task.Run(() => rebuilder.RebuildAsync(progress, lifetime.ApplicationStopping));
        await Task.WhenAny(started.Task, run);
        if (run.IsFaulted && run.Exception.InnerException is AnalyticsRebuildRunningException)
        {
            lock (_gate)
            {
                _latest = null;
            }

            return null;
        }

        var completion = run.ContinueWith(Finish, TaskScheduler.Default);
        lock (_gate)
        {
            _completion = completion;
        }

        return Latest;
    }

    private void Finish(Task<AnalyticsRebuildProgress> run)
    {
        lock (_gate)
        {
            var latest = _latest!;
            _latest = run.IsCompletedSuccessfully
                ? latest with { State = "succeeded", Pings = run.Result.Pings, Total = run.Result.Total, FinishedAt = clock.GetUtcNow() }
                : latest with { State = "failed", FinishedAt = clock.GetUtcNow(), Error = "The rebuild failed; see the API's log. Nothing it did was kept." };
        }

        if (run.Exception is { } failure)
        {
            LogFailed(failure.InnerException ?? failure);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An analytics rebuild failed.")]
    private partial void LogFailed(Exception exception);

    private sealed class Progress(AnalyticsRebuilds owner, TaskCompletionSource started) : IProgress<AnalyticsRebuildProgress>
    {
        public void Report(AnalyticsRebuildProgress value)
        {
            lock (owner._gate)
            {
                owner._latest = owner._latest! with { Pings = value.Pings, Total = value.Total };
            }

            started.TrySetResult();
        }
    }
}
