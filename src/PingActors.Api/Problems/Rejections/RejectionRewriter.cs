using System.Buffers;
using System.IO.Pipelines;

namespace PingActors.Api.Problems.Rejections;

/// <summary>
/// The connection's output as Kestrel writes it, held back until each flush so a whole answer can be looked at
/// (<see cref="RejectionProblems.TryRewrite"/>) before it goes out. Past <see cref="RejectionProblems.MaxRejectionLength"/>
/// unflushed bytes it cannot be one of Kestrel's own answers, so it goes on to the connection right away and
/// large bodies are never held whole.
/// </summary>
internal sealed class RejectionRewriter(PipeWriter inner, RejectionProblems problems) : PipeWriter, IAsyncDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _written;
    private bool _passingThrough;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

    public override void Advance(int bytes)
    {
        _written += bytes;
        if (_written > RejectionProblems.MaxRejectionLength)
        {
            _passingThrough = true;
            Forward();
        }
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(_written);

    public override Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(_written);

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Forward();
        _passingThrough = false;
        return inner.FlushAsync(cancellationToken);
    }

    public override void Complete(Exception? exception = null)
    {
        Forward();
        inner.Complete(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        Forward();
        await inner.CompleteAsync(exception);
    }

    public ValueTask DisposeAsync()
    {
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _buffer, []));
        return ValueTask.CompletedTask;
    }

    private byte[] Reserve(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 1);
        if (needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _buffer.Length * 2));
            _buffer.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer;
    }

    /// <summary>Hands what was written to the connection, rewritten if it is one of Kestrel's bodiless rejections.</summary>
    private void Forward()
    {
        if (_written == 0)
        {
            return;
        }

        var written = _buffer.AsSpan(0, _written);
        if (!_passingThrough && problems.TryRewrite(written, out var rewritten))
        {
            inner.Write(rewritten);
        }
        else
        {
            inner.Write(written);
        }

        _written = 0;
    }
}
