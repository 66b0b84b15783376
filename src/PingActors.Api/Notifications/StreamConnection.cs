using System.Threading.Channels;
using PingActors.Notifications;

namespace PingActors.Api.Notifications;

/// <summary>
/// One open stream: its position, the events that arrived live but are not yet known to be next, and a bounded
/// queue of frames for its client. Items leave in position order only: an event that arrives live is held until the
/// outbox confirms that no earlier event of the user is still missing (<see cref="StreamSequencer"/>), so the id of
/// the last item a client saw is always a position it can resume from without a gap.
/// </summary>
internal sealed class StreamConnection(string user, int capacity, Action cutOff)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, StreamEvent> _pending = [];
    private readonly Channel<StreamFrame> _frames = Channel.CreateBounded<StreamFrame>(
        new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long _position;
    private bool _live;
    private bool _checkQueued;
    private bool _cutOff;
    private long _lastFrameAt = Environment.TickCount64;

    public string User => user;

    public ChannelReader<StreamFrame> Frames => _frames.Reader;

    /// <summary>Whether the connection was cut off for not reading its items.</summary>
    public bool IsCutOff
    {
        get
        {
            lock (_gate)
            {
                return _cutOff;
            }
        }
    }

    /// <summary>An event that arrived live. Returns whether the connection now needs a check (the caller queues it).</summary>
    public bool Offer(StreamEvent e)
    {
        lock (_gate)
        {
            if (_cutOff || e.Seq <= _position || !_pending.TryAdd(e.Seq, e))
            {
                return false;
            }

            if (_pending.Count > capacity)
            {
                CutOffLocked();
                return false;
            }

            return QueueCheckLocked();
        }
    }

    /// <summary>The replay has written everything up to <paramref name="position"/>: live events take over. Returns whether a check is needed.</summary>
    public bool GoLive(long position)
    {
        lock (_gate)
        {
            _position = position;
            foreach (var seq in _pending.Keys.Where(seq => seq <= position).ToList())
            {
                _pending.Remove(seq);
            }

            _live = true;
            return _pending.Count > 0 && QueueCheckLocked();
        }
    }

    /// <summary>
    /// What the sequencer must ask the outbox: the user's events after the position and before the newest held event
    /// (or all of them, for a full check), and the positions held. <see langword="null"/>: nothing to ask.
    /// </summary>
    public (long After, long Before, long[] Held)? TakeCheck(bool full)
    {
        lock (_gate)
        {
            _checkQueued = false;
            if (!_live || _cutOff || (!full && _pending.Count == 0))
            {
                return null;
            }

            return (_position, full ? long.MaxValue : _pending.Keys.Max(), [.. _pending.Keys]);
        }
    }

    /// <summary>
    /// Writes, in position order, every held or <paramref name="fetched"/> event up to <paramref name="upTo"/>: the
    /// outbox has none other there. With <paramref name="cursor"/>, tells the client of a position it reached without
    /// an item. Returns whether events past <paramref name="upTo"/> are still held (they need another check).
    /// </summary>
    public bool Release(long upTo, IEnumerable<StreamEvent> fetched, bool cursor)
    {
        lock (_gate)
        {
            if (_cutOff)
            {
                return false;
            }

            foreach (var e in fetched.Where(e => e.Seq > _position && e.Seq <= upTo))
            {
                _pending.TryAdd(e.Seq, e);
            }

            var wrote = false;
            foreach (var e in _pending.Values.TakeWhile(e => e.Seq <= upTo).ToList())
            {
                _pending.Remove(e.Seq);
                WriteLocked(new StreamFrame.Item(e));
                (_position, wrote) = (e.Seq, true);
            }

            if (upTo > _position)
            {
                _position = upTo;
                if (cursor && !wrote)
                {
                    WriteLocked(new StreamFrame.Cursor(upTo));
                }
            }

            var more = _pending.Count > 0;
            if (more)
            {
                _checkQueued = true;
            }

            return more;
        }
    }

    /// <summary>Queues a frame; a client that has let its queue fill up is cut off instead.</summary>
    public void Write(StreamFrame frame)
    {
        lock (_gate)
        {
            WriteLocked(frame);
        }
    }

    /// <summary>Queues a heartbeat if nothing was queued for <paramref name="silence"/>.</summary>
    public void HeartbeatIfSilentFor(TimeSpan silence)
    {
        lock (_gate)
        {
            if (Environment.TickCount64 - _lastFrameAt >= silence.TotalMilliseconds)
            {
                WriteLocked(StreamFrame.Heartbeat.Instance);
            }
        }
    }

    /// <summary>The connection ended: no more frames.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>Whether the caller should queue a check: the connection is live and has none queued yet.</summary>
    private bool QueueCheckLocked()
    {
        if (!_live || _checkQueued)
        {
            return false;
        }

        _checkQueued = true;
        return true;
    }

    private void WriteLocked(StreamFrame frame)
    {
        if (_cutOff)
        {
            return;
        }

        if (!_frames.Writer.TryWrite(frame))
        {
            CutOffLocked();
            return;
        }

        _lastFrameAt = Environment.TickCount64;
    }

    private void CutOffLocked()
    {
        _cutOff = true;
        _pending.Clear();
        _frames.Writer.TryComplete();
        StreamMetrics.RecordCutOff();
        // Not under the lock: aborting the request runs its cancellation callbacks.
        _ = Task.Run(cutOff);
    }
}
