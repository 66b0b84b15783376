using System.ComponentModel;
using System.Reflection;

namespace PingActors.Benchmarks.Tests;

/// <summary>The command line offers every measure and every system the runner knows, by default and in its help.</summary>
public sealed class BenchmarkCommandTests
{
    [Fact]
    public void MeasuresOption_NamesEveryMeasure_ByDefaultAndInItsHelp() =>
        AssertOptionNames(nameof(BenchmarkCommand.Settings.Measures), [.. BenchmarkRunner.Measures.Select(m => m.Name)], new BenchmarkCommand.Settings().Measures);

    [Fact]
    public void SystemsOption_NamesEverySystem_ByDefaultAndInItsHelp() =>
        AssertOptionNames(nameof(BenchmarkCommand.Settings.Systems), [.. BenchmarkRunner.Systems.Select(s => s.Name)], new BenchmarkCommand.Settings().Systems);

    private static void AssertOptionNames(string property, string[] names, string initialValue)
    {
        var option = typeof(BenchmarkCommand.Settings).GetProperty(property)!;
        Assert.Equal(names, ((string)option.GetCustomAttribute<DefaultValueAttribute>()!.Value!).Split(','));
        Assert.Equal(names, initialValue.Split(','));
        var help = option.GetCustomAttribute<DescriptionAttribute>()!.Description;
        Assert.All(names, name => Assert.Contains(name, help, StringComparison.Ordinal));
    }
}
