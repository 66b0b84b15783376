using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Statistics;
using PingActors.Hosting;

namespace PingActors.Grains.Tests.Hosting;

/// <summary>The CPU and memory a silo reports to its cluster, read from the process rather than Orleans' event listener.</summary>
public sealed class ProcessEnvironmentStatisticsTests
{
    private readonly FakeTimeProvider _clock = new();
    private TimeSpan _cpu = TimeSpan.FromSeconds(3);

    [Fact]
    public void Cpu_IsTheProcessesShareOfAllCores_SinceTheLastSample()
    {
        var statistics = new ProcessEnvironmentStatistics(_clock, () => _cpu, processors: 2);
        Assert.Equal(0, statistics.GetEnvironmentStatistics().RawCpuUsagePercentage);

        // One core busy for the whole second of a two-core machine: 50%.
        Spend(cpuSeconds: 1, seconds: 1);
        var half = statistics.GetEnvironmentStatistics();
        Assert.Equal((50, 50), (half.RawCpuUsagePercentage, half.FilteredCpuUsagePercentage));

        // Both cores for two seconds: 100%; the filtered figure (from the first measured share on) moves half way.
        Spend(cpuSeconds: 4, seconds: 2);
        var full = statistics.GetEnvironmentStatistics();
        Assert.Equal(100, full.RawCpuUsagePercentage, 3);
        Assert.Equal(75, full.FilteredCpuUsagePercentage, 3);
    }

    [Fact]
    public void Samples_AtMostOnceAnInterval()
    {
        var statistics = new ProcessEnvironmentStatistics(_clock, () => _cpu, processors: 1);
        statistics.GetEnvironmentStatistics();
        Spend(cpuSeconds: 1, seconds: 1);
        var sampled = statistics.GetEnvironmentStatistics();

        _cpu += TimeSpan.FromMilliseconds(500);
        _clock.Advance(ProcessEnvironmentStatistics.SampleInterval / 2);
        Assert.Equal(sampled, statistics.GetEnvironmentStatistics());

        _clock.Advance(ProcessEnvironmentStatistics.SampleInterval / 2);
        Assert.Equal(50, statistics.GetEnvironmentStatistics().RawCpuUsagePercentage, 3);
    }

    [Fact]
    public void Memory_IsTheCollectorsCommittedMemory_WithinWhatTheProcessMayUse()
    {
        var statistics = new ProcessEnvironmentStatistics(_clock, () => _cpu, processors: 1).GetEnvironmentStatistics();

        Assert.True(statistics.RawMemoryUsageBytes > 0 && statistics.MaximumAvailableMemoryBytes >= statistics.RawMemoryUsageBytes,
            $"{statistics.RawMemoryUsageBytes} used of {statistics.MaximumAvailableMemoryBytes}");
        Assert.Equal(statistics.MaximumAvailableMemoryBytes - statistics.RawMemoryUsageBytes, statistics.RawAvailableMemoryBytes);
        Assert.Equal(statistics.RawMemoryUsageBytes, statistics.FilteredMemoryUsageBytes);
    }

    [Fact]
    public void ThisOrleans_LetsTheProviderBuildItsStatistics_InPlaceOfItsOwn()
    {
        Assert.True(ProcessEnvironmentStatistics.IsSupported, "Orleans' EnvironmentStatistics lost the constructor the provider builds it with");
        var services = new ServiceCollection();
        services.AddSingleton<IEnvironmentStatisticsProvider>(new Unused());

        ProcessEnvironmentStatistics.Replace(services);

        Assert.IsType<ProcessEnvironmentStatistics>(Assert.Single(services.BuildServiceProvider().GetServices<IEnvironmentStatisticsProvider>()));
    }

    private void Spend(int cpuSeconds, int seconds)
    {
        _cpu += TimeSpan.FromSeconds(cpuSeconds);
        _clock.Advance(TimeSpan.FromSeconds(seconds));
    }

    private sealed class Unused : IEnvironmentStatisticsProvider
    {
        public EnvironmentStatistics GetEnvironmentStatistics() => throw new InvalidOperationException("replaced");
    }
}
