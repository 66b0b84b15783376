using Spectre.Console;

namespace PingActors.Import.Progress;

/// <summary>Progress as Spectre.Console bars, one per step, while the import runs inside <see cref="RunAsync"/>.</summary>
public sealed class SpectreProgress : IImportProgress
{
    private readonly ProgressContext _context;

    private SpectreProgress(ProgressContext context) => _context = context;

    /// <summary>Runs <paramref name="work"/> with bars drawn on <paramref name="console"/>.</summary>
    public static Task<T> RunAsync<T>(IAnsiConsole console, Func<IImportProgress, Task<T>> work) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(context => work(new SpectreProgress(context)));

    public IProgressStep Start(string description, long total, string unit = "rows")
    {
        var task = _context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total));
        return new Step(task, total == 0);
    }

    private sealed class Step(ProgressTask task, bool unknownTotal) : IProgressStep
    {
        public void Report(long done)
        {
            if (unknownTotal || done > task.MaxValue)
            {
                task.MaxValue = Math.Max(done, 1);
            }

            task.Value = done;
        }

        public void Complete(long done)
        {
            task.MaxValue = Math.Max(done, 1);
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
