using System.Globalization;
using Spectre.Console;
using static System.FormattableString;

namespace PingActors.Benchmarks.Reporting;

/// <summary>The console while a run goes on: the results table as it fills, and a progress line under it.</summary>
internal sealed class RunDisplay(bool interactive)
{
    private readonly Table _table = new Table().Border(TableBorder.Rounded).Title("[bold]PingActors vs the seed design[/]")
        .AddColumn("Measure").AddColumn("System").AddColumn("Clients", c => c.RightAligned()).AddColumn("Result")
        .AddColumn("p50 ms", c => c.RightAligned()).AddColumn("p95 ms", c => c.RightAligned()).AddColumn("p99 ms", c => c.RightAligned())
        .AddColumn("vs seed / note");
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

    public void Row(DisplayRow row)
    {
        string[] cells =
        [
            row.Measure, row.System, $"{row.Clients}", row.Result, Milliseconds(row.P50), Milliseconds(row.P95), Milliseconds(row.P99),
            row.VsSeed is { } ratio && double.IsFinite(ratio) ? Invariant($"{ratio:0.0}x") : row.Note ?? "",
        ];
        _table.AddRow([.. cells.Select(Markup.Escape)]);
        Refresh();
    }

    private static string Milliseconds(double? value) => value is { } ms ? Invariant($"{ms:0.00}") : "";

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
