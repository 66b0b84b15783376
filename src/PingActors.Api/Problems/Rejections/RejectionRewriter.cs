using System.Buffers;
using System.IO.Pipelines;

namespace PingActors.Api.Problems.Rejections;

/// <summary>
/// The connection's output as Kestrel writes it, held back until each flush so a whole answer can be looked at
/// (<see cref="RejectionProblems.TryRewrite"/>) before it goes out. Past <see cref="RejectionProblems.MaxRejectionLength"/>
/// unflushed bytes it cannot be one of Kestrel's own answers, so it goes on to the connection right away and
/// large bodies are never held whole.
/// </summary>
/// <remarks>
/// Kestrel's writers go on writing into the rest of the memory they got after advancing over part of it (as a
/// <see cref="Pipe"/> allows), so the buffer keeps its place until the next <see cref="GetMemory"/> or
/// <see cref="GetSpan"/>: bytes handed on stay where they are, and only what follows them is new.
/// </remarks>
internal sealed class RejectionRewriter(PipeWriter inner, RejectionProblems problems) : PipeWriter, IAsyncDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);
    private int _written;
    private int _forwarded;
    private bool _passingThrough;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _written - _forwarded + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

    public override void Advance(int bytes)
    {
        _written += bytes;
        if (_written - _forwarded > RejectionProblems.MaxRejectionLength)
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
        if (_forwarded > 0)
        {
            // The writer asks for new memory, so what it had is no longer in use: keep only what is not handed on yet.
            _buffer.AsSpan(_forwarded, _written - _forwarded).CopyTo(_buffer);
            (_written, _forwarded) = (_written - _forwarded, 0);
        }

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
        if (_written == _forwarded)
        {
            return;
        }

        var written = _buffer.AsSpan(_forwarded, _written - _forwarded);
        if (!_passingThrough && problems.TryRewrite(written, out var rewritten))
        {
            inner.Write(rewritten);
        }
        else
        {
            inner.Write(written);
        }

        _forwarded = _written;
    }
}
