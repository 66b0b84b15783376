using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PingActors.Benchmarks.Reporting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PingActors.Benchmarks;

/// <summary>Runs the benchmark and writes its report.</summary>
internal sealed class BenchmarkCommand : AsyncCommand<BenchmarkCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--clients <LIST>")]
        [Description("Concurrent clients for the throughput runs, comma-separated.")]
        [DefaultValue("1,8,32")]
        public string Clients { get; init; } = "1,8,32";

        [CommandOption("--seconds <SECONDS>")]
        [Description("Length of each measured run.")]
        [DefaultValue(10)]
        public int Seconds { get; init; } = 10;

        [CommandOption("--smoke")]
        [Description("A few seconds of every measurement at a small size: proves the benchmark runs, measures nothing.")]
        public bool Smoke { get; init; }

        [CommandOption("--postgres <CONNECTION_STRING>")]
        [Description("A server to run on (its user must create databases). Default: PINGACTORS_BENCH_POSTGRES, else a throwaway server from the installed binaries.")]
        public string? Postgres { get; init; }

        [CommandOption("--systems <LIST>")]
        [Description("Only these systems: legacy (the design the seed replaced), seed, http, orleans.")]
        [DefaultValue("legacy,seed,http,orleans")]
        public string Systems { get; init; } = "legacy,seed,http,orleans";

        [CommandOption("--measures <LIST>")]
        [Description("Only these measurements: memory, throughput, latency (where a ping's time goes at one client), exactness, rejection, cost, analytics (PingActors with its event workers on and off), tiers (cost per ping by tier), claims (the seed's claims against the legacy design), stream (delivery to open streams under load), insights (the predictions against a synthetic ground truth), insight-reads (their reads over HTTP, alone and while pings flow).")]
        [DefaultValue("memory,throughput,latency,exactness,rejection,cost,analytics,tiers,claims,stream,insights,insight-reads")]
        public string Measures { get; init; } = "memory,throughput,latency,exactness,rejection,cost,analytics,tiers,claims,stream,insights,insight-reads";

        [CommandOption("--streams <COUNT>")]
        [Description("Streams the stream measure opens on the API node (default 5,000; smoke 100).")]
        public int? Streams { get; init; }

        [CommandOption("--stream-rate <PINGS_PER_SECOND>")]
        [Description("The stream measure's steady ping rate (default 2,000; smoke 100).")]
        public int? StreamRate { get; init; }

        [CommandOption("--pg-setting <SETTING>")]
        [Description("A postgresql.conf line for the throwaway server, e.g. \"work_mem = 8MB\" (repeatable).")]
        public string[] PostgresSettings { get; init; } = [];

        [CommandOption("--api-setting <SETTING>")]
        [Description("A configuration key and value for the PingActors host, e.g. \"Logging:LogLevel:Default=Information\" (repeatable).")]
        public string[] ApiSettings { get; init; } = [];

        [CommandOption("--output <DIRECTORY>")]
        [Description("Where the report and chart go.")]
        [DefaultValue("docs/benchmarks")]
        public string Output { get; init; } = "docs/benchmarks";

        public IReadOnlyList<int> ClientCounts => [.. Clients.Split(',').Select(c => int.Parse(c.Trim(), CultureInfo.InvariantCulture))];

        public override ValidationResult Validate() =>
            Seconds < 1 ? ValidationResult.Error("--seconds must be at least 1")
            : Clients.Split(',').Any(c => !int.TryParse(c.Trim(), CultureInfo.InvariantCulture, out var n) || n < 1) ? ValidationResult.Error("--clients is a list of positive numbers")
            : ApiSettings.Any(s => !s.Contains('=', StringComparison.Ordinal)) ? ValidationResult.Error("--api-setting is KEY=VALUE")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var plan = (settings.Smoke ? BenchmarkPlan.Smoke() : BenchmarkPlan.Full(settings.ClientCounts, TimeSpan.FromSeconds(settings.Seconds))) with
        {
            Systems = List(settings.Systems),
            Measures = List(settings.Measures),
        };
        var hostSettings = settings.ApiSettings.Select(s => s.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        plan = plan with { Streams = settings.Streams ?? plan.Streams, StreamRate = settings.StreamRate ?? plan.StreamRate };
        var report = await RunAsync(plan, settings.Postgres ?? Environment.GetEnvironmentVariable("PINGACTORS_BENCH_POSTGRES"), interactive: true,
            hostSettings, settings.PostgresSettings);
        if (!settings.Smoke)
        {
            var (markdown, chart) = ReportWriter.Write(report, settings.Output);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Report: [link]{markdown}[/]; chart: [link]{chart}[/]");
        }

        return 0;
    }

    private static HashSet<string> List(string list) => [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Runs a plan and returns its report (the smoke test calls this directly).</summary>
    public static async Task<BenchmarkReport> RunAsync(
        BenchmarkPlan plan, string? postgres, bool interactive, IReadOnlyDictionary<string, string?>? hostSettings = null, IReadOnlyList<string>? postgresSettings = null)
    {
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true));
        var display = new RunDisplay(interactive);
        var runner = new BenchmarkRunner(plan, display, loggers.CreateLogger("PingActors.Benchmarks"));
        return await display.ShowAsync(() => runner.RunAsync(postgres, postgresSettings ?? [], hostSettings ?? new Dictionary<string, string?>()));
    }
}
