using System.Runtime;

namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// Waits for this process's just-in-time compiler to settle: the PingActors host runs in the benchmark's process (the
/// floor's host in a process of its own, which waits with this as well), and until the path under load has been
/// compiled at its final tier, the background compiler's CPU counts against every ping measured.
/// </summary>
internal static class JitSettling
{
    /// <summary>How often the compiled-method count is read.</summary>
    private static readonly TimeSpan _window = TimeSpan.FromSeconds(1);

    /// <summary>Fewer methods compiled in a window than this, twice in a row, is settled.</summary>
    private const int SettledPerWindow = 20;

    /// <summary>Returns when the compiler has settled, or after <paramref name="timeout"/>; says which.</summary>
    public static async Task<bool> WaitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var (count, quiet) = (JitInfo.GetCompiledMethodCount(), 0);
        using var timer = new PeriodicTimer(_window);
        while (DateTime.UtcNow < deadline && await timer.WaitForNextTickAsync())
        {
            var next = JitInfo.GetCompiledMethodCount();
            quiet = next - count < SettledPerWindow ? quiet + 1 : 0;
            count = next;
            if (quiet >= 2)
            {
                return true;
            }
        }

        return false;
    }
}
