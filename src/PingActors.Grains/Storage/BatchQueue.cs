using System.Diagnostics;
using System.Threading.Channels;

namespace PingActors.Storage;

/// <summary>
/// Collects requests from many callers and hands them to a processor in batches, so that many concurrent
/// grain turns share one database round trip. A worker takes whatever is queued (up to the batch size) as
/// soon as it is free, so batches grow with load and a lone request waits for nobody.
/// </summary>
internal sealed class BatchQueue<TRequest, TResult> : IAsyncDisposable
{
    private readonly Channel<BatchEntry<TRequest, TResult>> _channel =
        Channel.CreateUnbounded<BatchEntry<TRequest, TResult>>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Func<IReadOnlyList<BatchEntry<TRequest, TResult>>, Task> _process;
    private readonly int _maxBatchSize;
    private readonly TimeSpan _linger;
    private readonly Action<TimeSpan>? _onProcessed;
    private readonly Task[] _workers;

    /// <param name="maxBatchSize">The most requests one batch takes.</param>
    /// <param name="concurrency">How many batches may be in flight at once.</param>
    /// <param name="linger">How long a worker waits for a part-filled batch to fill; zero sends it at once.</param>
    /// <param name="process">Completes or fails every entry it is given.</param>
    /// <param name="onProcessed">Told how long each batch took to process, whether it failed or not.</param>
    public BatchQueue(
        int maxBatchSize,
        int concurrency,
        TimeSpan linger,
        Func<IReadOnlyList<BatchEntry<TRequest, TResult>>, Task> process,
        Action<TimeSpan>? onProcessed = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _maxBatchSize = maxBatchSize;
        _linger = linger;
        _process = process;
        _onProcessed = onProcessed;
        // Task.Run keeps the workers off whatever grain scheduler happened to construct this queue.
        _workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(RunAsync)).ToArray();
    }

    /// <summary>Queues a request; the task completes when its batch has been processed.</summary>
    public Task<TResult> EnqueueAsync(TRequest request)
    {
        var entry = new BatchEntry<TRequest, TResult>(request);
        if (!_channel.Writer.TryWrite(entry))
        {
            throw new ObjectDisposedException(nameof(BatchQueue<TRequest, TResult>), "The queue is shutting down.");
        }

        return entry.Completion;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }

    private async Task RunAsync()
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync())
        {
            var batch = new List<BatchEntry<TRequest, TResult>>();
            Drain(reader, batch);
            if (batch.Count > 0 && batch.Count < _maxBatchSize && _linger > TimeSpan.Zero)
            {
                await Task.Delay(_linger);
                Drain(reader, batch);
            }

            if (batch.Count == 0)
            {
                continue; // another worker took it
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await _process(batch);
            }
            catch (Exception ex)
            {
                foreach (var entry in batch)
                {
                    entry.Fail(ex);
                }
            }

            _onProcessed?.Invoke(Stopwatch.GetElapsedTime(started));

            foreach (var entry in batch.Where(e => !e.Completion.IsCompleted))
            {
                entry.Fail(new InvalidOperationException("The batch processor left a request without an answer."));
            }
        }
    }

    private void Drain(ChannelReader<BatchEntry<TRequest, TResult>> reader, List<BatchEntry<TRequest, TResult>> batch)
    {
        while (batch.Count < _maxBatchSize && reader.TryRead(out var entry))
        {
            batch.Add(entry);
        }
    }
}

/// <summary>One queued request and the caller waiting for it. The first answer wins; later ones are ignored.</summary>
internal sealed class BatchEntry<TRequest, TResult>(TRequest request)
{
    private readonly TaskCompletionSource<TResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TRequest Request => request;

    /// <summary>The trace the caller was in when it queued the request (none when nothing records traces).</summary>
    public ActivityContext Caller { get; } = Activity.Current?.Context ?? default;

    public Task<TResult> Completion => _completion.Task;

    public void Complete(TResult result) => _completion.TrySetResult(result);

    public void Fail(Exception exception) => _completion.TrySetException(exception);
}
