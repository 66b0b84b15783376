using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PingActors.Benchmarks.Simulation;

/// <summary>
/// <c>dotnet run -c Release --project tests/PingActors.Benchmarks -- limits</c>: a synthetic marketplace run for a
/// month of simulated time under the flat policy and under the smart one, through the real grains.
/// </summary>
internal sealed class LimitsSimulationCommand : AsyncCommand<LimitsSimulationCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--days <DAYS>")]
        [Description("Simulated days.")]
        [DefaultValue(30)]
        public int Days { get; init; } = 30;

        [CommandOption("--owners <COUNT>")]
        [Description("Owners (each with 1 to 3 listings; one in twenty a dealer with 15).")]
        [DefaultValue(300)]
        public int Owners { get; init; } = 300;

        [CommandOption("--good <COUNT>")]
        [Description("Senders who ping well: 1 to 5 pings a day to listings they care about.")]
        [DefaultValue(400)]
        public int GoodSenders { get; init; } = 400;

        [CommandOption("--spammers <COUNT>")]
        [Description("Senders who spam: 60 to 100 pings a day, in bursts, to any listing.")]
        [DefaultValue(40)]
        public int Spammers { get; init; } = 40;

        [CommandOption("--seed <SEED>")]
        [Description("Draws the same marketplace for the same seed.")]
        [DefaultValue(17)]
        public int Seed { get; init; } = 17;

        [CommandOption("--smoke")]
        [Description("Two days of a small marketplace: proves the simulation runs.")]
        public bool Smoke { get; init; }

        [CommandOption("--output <DIRECTORY>")]
        [Description("Where the report goes.")]
        [DefaultValue("docs/benchmarks")]
        public string Output { get; init; } = "docs/benchmarks";
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var plan = settings.Smoke ? SimulationPlan.Smoke : new SimulationPlan(settings.Days, settings.Owners, settings.GoodSenders, settings.Spammers, settings.Seed);
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(console => console.SingleLine = true));
        IReadOnlyList<SimulationResult> results = [];
        await AnsiConsole.Progress().StartAsync(async progress =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            results = await LimitsSimulation.RunAsync(plan, loggers.CreateLogger("PingActors.Simulation"), (policy, share) =>
            {
                if (!tasks.TryGetValue(policy, out var task))
                {
                    tasks[policy] = task = progress.AddTask($"{plan.Days} days under the {policy} policy");
                }

                task.Value = share * 100;
            });
        });

        AnsiConsole.WriteLine(SimulationReport.Table(plan, results));
        if (!settings.Smoke)
        {
            var path = SimulationReport.Write(plan, results, settings.Output, DateTimeOffset.UtcNow);
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Report: [link]{path}[/]");
        }

        return 0;
    }
}
