using System.Diagnostics;

namespace PingActors.Benchmarks;

/// <summary>
/// How long a synchronous 8 KB write (O_DSYNC, like PostgreSQL's WAL flush) takes on the disk of the server's
/// data folder, back to back and after the disk has been idle a few milliseconds, medians in milliseconds. On some
/// virtual machines the second is twice the first and more: a ping path that commits less often than every
/// millisecond or so (one client, a slower path) then pays the dearer flush on every commit.
/// </summary>
/// <param name="IdleMilliseconds">How long the disk was left idle before each write of the second figure.</param>
internal sealed record DiskFlushes(double BackToBackMs, double AfterIdleMs, int IdleMilliseconds)
{
    private const int BlockSize = 8192, Blocks = 512;

    /// <summary>Times the writes in a file of its own in <paramref name="folder"/>, which it deletes.</summary>
    public static DiskFlushes Measure(string folder, int backToBack = 400, int afterIdle = 150, int idleMilliseconds = 4)
    {
        var path = Path.Combine(folder, $"disk-flushes-{Guid.NewGuid():N}.bin");
        try
        {
            // Written whole first, so that the timed writes change no file size and allocate nothing, as WAL segments are.
            File.WriteAllBytes(path, new byte[BlockSize * Blocks]);
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Write, FileShare.None, FileOptions.WriteThrough);
            var block = new byte[BlockSize];
            var next = 0L;
            return new DiskFlushes(Median(backToBack, 0), Median(afterIdle, idleMilliseconds), idleMilliseconds);

            double Median(int count, int idle)
            {
                var times = new double[count];
                for (var i = 0; i < count; i++)
                {
                    if (idle > 0)
                    {
                        Thread.Sleep(idle);
                    }

                    var started = Stopwatch.GetTimestamp();
                    RandomAccess.Write(handle, block, next++ % Blocks * BlockSize);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }

                Array.Sort(times);
                return times[count / 2];
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
