using System.Globalization;

namespace PingActors.Import.Progress;

/// <summary>
/// Progress as plain lines, for output that is not a terminal (a log, a pipe, a CI job): a line when a step
/// starts, when it first moves, at most one a second after that, and when it ends, with the seconds it took (the
/// import benchmark reads them). A step without a unit is one piece of work: a line when it starts and one when
/// it is done.
/// </summary>
public sealed class PlainProgress(TextWriter output, TimeProvider clock) : IImportProgress
{
    public IProgressStep Start(string description, long total, string unit = "rows")
    {
        var step = new Step(this, clock, description, total, unit);
        step.Write(0);
        return step;
    }

    private void WriteLine(string line)
    {
        lock (output)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private sealed class Step(PlainProgress owner, TimeProvider clock, string description, long total, string unit) : IProgressStep
    {
        private readonly DateTimeOffset _started = clock.GetUtcNow();
        private DateTimeOffset? _last;
        private long _written;

        public void Report(long done)
        {
            var now = clock.GetUtcNow();
            if (done == _written || unit.Length == 0 || (_last is { } last && now - last < TimeSpan.FromSeconds(1)))
            {
                return;
            }

            _last = now;
            Write(done);
        }

        public void Complete(long done)
        {
            var seconds = (clock.GetUtcNow() - _started).TotalSeconds;
            owner.WriteLine(unit.Length == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{description}: done in {seconds:F1} s")
                : string.Create(CultureInfo.InvariantCulture, $"{description}: done, {done:N0} {unit} in {seconds:F1} s"));
        }

        public void Write(long done)
        {
            _written = done;
            owner.WriteLine(unit.Length == 0 ? $"{description}..."
                : total > 0 ? string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0} of {total:N0} {unit}")
                : string.Create(CultureInfo.InvariantCulture, $"{description}: {done:N0} {unit}"));
        }
    }
}
