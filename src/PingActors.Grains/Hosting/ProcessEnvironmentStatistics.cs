using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Statistics;

namespace PingActors.Hosting;

/// <summary>
/// The CPU and memory a silo reports to its cluster (resource-optimised placement, Orleans' default, places new
/// activations by them; load shedding and the Dashboard read them too), read straight from the process.
/// </summary>
/// <remarks>
/// Orleans' own provider learns the CPU usage from the runtime's event counters: it keeps an event listener that
/// turns every <c>System.Runtime</c> counter on, once a second, for the one it reads. Measured side by side on the
/// benchmark's tier rounds, that listener cost an HTTP refusal about a third of its .NET CPU and an HTTP ping about a
/// fifth (see the README's lean path). This provider reads the process's CPU time instead,
/// at most once a second, and the garbage collector's figures as Orleans does. Orleans' own smoothing (a Kalman
/// filter) is internal; the filtered figures here are an exponential average of the once-a-second samples.
/// </remarks>
public sealed class ProcessEnvironmentStatistics : IEnvironmentStatisticsProvider
{
    /// <summary>How often the CPU and memory are sampled; calls in between get the last sample.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    /// <summary>The weight of a new sample in the filtered figures.</summary>
    private const double NewSampleWeight = 0.5;

    // EnvironmentStatistics has only an internal constructor (cpu, raw cpu, memory, raw memory, available, raw
    // available, maximum available); null if this Orleans lacks it, and then Orleans' provider stays.
    private static readonly ConstructorInfo? _constructor = typeof(EnvironmentStatistics).GetConstructor(
        BindingFlags.Instance | BindingFlags.NonPublic, [typeof(float), typeof(float), typeof(long), typeof(long), typeof(long), typeof(long), typeof(long)]);

    private readonly TimeProvider _clock;
    private readonly Func<TimeSpan> _processCpu;
    private readonly int _processors;
    private readonly Lock _lock = new();
    private (long At, TimeSpan Cpu)? _lastCpu;
    private long _sampledAt;
    private double _filteredCpu;
    private bool _cpuFiltered;
    private double _filteredMemory;
    private EnvironmentStatistics? _last;

    public ProcessEnvironmentStatistics()
        : this(TimeProvider.System, static () => Environment.CpuUsage.TotalTime, Environment.ProcessorCount)
    {
    }

    /// <param name="processCpu">The CPU time the process has used so far.</param>
    internal ProcessEnvironmentStatistics(TimeProvider clock, Func<TimeSpan> processCpu, int processors)
    {
        _clock = clock;
        _processCpu = processCpu;
        _processors = processors;
    }

    /// <summary>Whether this Orleans lets a provider build its statistics (see <see cref="Replace"/>).</summary>
    public static bool IsSupported => _constructor is not null;

    /// <summary>Puts this provider in place of Orleans' (call after <c>UseOrleans</c>/<c>UseOrleansClient</c> added theirs).</summary>
    public static IServiceCollection Replace(IServiceCollection services) => IsSupported
        ? services.Replace(ServiceDescriptor.Singleton<IEnvironmentStatisticsProvider>(_ => new ProcessEnvironmentStatistics()))
        : services;

    public EnvironmentStatistics GetEnvironmentStatistics()
    {
        lock (_lock)
        {
            var now = _clock.GetTimestamp();
            if (_last is { } last && _clock.GetElapsedTime(_sampledAt, now) < SampleInterval)
            {
                return last;
            }

            var memory = GC.GetGCMemoryInfo();
            var available = memory.TotalAvailableMemoryBytes;
            var used = Math.Clamp(memory.TotalCommittedBytes - memory.FragmentedBytes, 0, available);
            _filteredMemory = _last is null ? used : Filter(_filteredMemory, used);
            var filteredMemory = (long)_filteredMemory;

            // The first sample has nothing to measure the CPU against: 0 until the next, which starts the filter.
            var cpu = CpuPercent(now);
            _filteredCpu = cpu is not { } share ? _filteredCpu : _cpuFiltered ? Filter(_filteredCpu, share) : share;
            _cpuFiltered |= cpu is not null;
            _sampledAt = now;
            _last = (EnvironmentStatistics)_constructor!.Invoke(
                [(float)_filteredCpu, (float)(cpu ?? 0), filteredMemory, used, available - filteredMemory, available - used, available]);
            return _last.Value;
        }
    }

    /// <summary>The process's CPU use since the last sample, as a share of all the machine's cores (0 to 100); null at the first.</summary>
    private double? CpuPercent(long now)
    {
        var cpu = _processCpu();
        var previous = _lastCpu;
        _lastCpu = (now, cpu);
        if (previous is not var (at, before))
        {
            return null;
        }

        var wall = _clock.GetElapsedTime(at, now);
        return wall <= TimeSpan.Zero ? 0 : Math.Clamp(100 * (cpu - before) / (wall * _processors), 0, 100);
    }

    private static double Filter(double filtered, double sample) => filtered + (NewSampleWeight * (sample - filtered));
}
