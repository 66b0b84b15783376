using System.Globalization;
using Spectre.Console;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The console while a run goes on: the results table as it fills, and a progress line under it.</summary>
internal sealed class RunDisplay(bool interactive)
{
    private readonly Table _table = new Table().Border(TableBorder.Rounded).Title("[bold]PingActors vs the seed design[/]")
        .AddColumns("Measure", "System", "Clients", "Result", "p50 ms", "p95 ms", "p99 ms", "vs seed");
    private readonly bool _interactive = interactive && AnsiConsole.Profile.Capabilities.Interactive;
    private LiveDisplayContext? _live;
    private string _status = "starting";
    private double _fraction;

    /// <summary>Shows the table (live when the console allows) while <paramref name="run"/> runs.</summary>
    public async Task<T> ShowAsync<T>(Func<Task<T>> run)
    {
        if (!_interactive)
        {
            var result = await run();
            AnsiConsole.Write(_table);
            return result;
        }

        return await AnsiConsole.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            _live = context;
            try
            {
                return await run();
            }
            finally
            {
                _status = "done";
                _fraction = 1;
                Refresh();
            }
        });
    }

    /// <summary>Names what runs now; <paramref name="fraction"/> updates its bar.</summary>
    public void Status(string status, double fraction = 0)
    {
        _status = status;
        _fraction = fraction;
        if (!_interactive)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{DateTime.Now:HH:mm:ss}[/] {status}");
        }

        Refresh();
    }

    public void Progress(double fraction)
    {
        _fraction = fraction;
        Refresh();
    }

    public void Row(params string[] cells)
    {
        _table.AddRow(cells.Select(Markup.Escape).ToArray());
        Refresh();
    }

    private void Refresh()
    {
        if (_live is not null)
        {
            _live.UpdateTarget(Render());
        }
    }

    private Rows Render()
    {
        const int width = 40;
        var filled = (int)Math.Round(Math.Clamp(_fraction, 0, 1) * width);
        var bar = new string('━', filled) + new string('─', width - filled);
        return new Rows(_table, new Markup($"[green]{bar}[/] {Math.Clamp(_fraction, 0, 1):P0}  {Markup.Escape(_status)}"));
    }
}
