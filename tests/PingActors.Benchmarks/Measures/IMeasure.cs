namespace PingActors.Benchmarks.Measures;

/// <summary>One measurement of the benchmark: it runs on the shared context, adds its rows to the report and shows them.</summary>
internal interface IMeasure
{
    /// <summary>The name <c>--measures</c> selects it by, and the first column of the live table.</summary>
    string Name { get; }

    Task RunAsync(MeasureContext context);
}
