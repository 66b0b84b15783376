using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using PingActors.Analytics;
using PingActors.Import.Commands;
using PingActors.Import.GrainState;
using PingActors.Import.Importing;
using PingActors.Import.Planning;
using PingActors.Import.Progress;
using PingActors.Import.Reporting;
using PingActors.Import.Runs;
using PingActors.Import.Sources;
using PingActors.Import.Verifying;
using PingActors.Pings;
using PingActors.Platform;
using PingActors.Storage;
using PingActors.Users;
using Spectre.Console;

namespace PingActors.Import;

/// <summary>
/// The silo's <c>import</c> verb: brings a system on the seed's design (or the older one) across into the
/// PingActors database the silo is configured with; <c>--plan</c> says what it would do, <c>--verify</c>
/// compares. See <see cref="ImportArguments.Usage"/> for the arguments and exit codes.
/// </summary>
public static class ImportCommand
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int LeftBehind = 2;
    public const int Differences = 3;

    /// <summary>Runs the command with the silo's services, writing to <paramref name="output"/> (standard output when null).</summary>
    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter? output = null, CancellationToken cancellationToken = default)
    {
        var terminal = output is null && !Console.IsOutputRedirected;
        output ??= Console.Out;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal)
        {
            // A log or a file has no width of its own; Spectre's default of 80 would wrap every id in the tables.
            console.Profile.Width = 200;
        }

        var (options, error) = ImportArguments.Parse(args);
        if (options is null)
        {
            await output.WriteLineAsync($"{error}{Environment.NewLine}{Environment.NewLine}{ImportArguments.Usage}");
            return Failed;
        }

        await using var target = TargetDatabase(services);
        var environment = new ImportEnvironment(
            target,
            services.GetRequiredService<IOptions<PingOptions>>().Value,
            services.GetRequiredService<AllowanceCalendar>(),
            new GrainStateRows(services),
            services.GetRequiredService<AnalyticsRebuilder>(),
            services.GetRequiredKeyedService<TimeProvider>(DomainClock.Key));
        try
        {
            switch (options.Mode)
            {
                case ImportMode.Plan:
                    await new Planner(environment).PlanAsync(options, console, output, cancellationToken);
                    return Done;
                case ImportMode.Verify:
                    var differences = await new Verifier(environment).VerifyAsync(options, console, output, cancellationToken);
                    return differences == 0 ? Done : Differences;
                default:
                    var importer = new Importer(environment);
                    var outcome = terminal && console.Profile.Capabilities.Interactive
                        ? await SpectreProgress.RunAsync(console, progress => importer.RunAsync(options, progress, output, cancellationToken))
                        : await importer.RunAsync(options, new PlainProgress(output, TimeProvider.System), output, cancellationToken);
                    await using (var connection = await target.OpenConnectionAsync(cancellationToken))
                    {
                        ImportSummary.Write(console, outcome, await ReportWriter.ReadAsync(connection, outcome.RunId, cancellationToken), options.ReportPath);
                    }

                    return outcome.LeftBehind == 0 ? Done : LeftBehind;
            }
        }
        catch (Exception ex) when (ex is ImportException or SourceNotRecognizedException)
        {
            await output.WriteLineAsync(ex.Message);
            return Failed;
        }
    }

    private static NpgsqlDataSource TargetDatabase(IServiceProvider services)
    {
        var builder = new NpgsqlDataSourceBuilder(services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Postgres);
        var settings = builder.ConnectionStringBuilder;
        // The preparation's statements run for minutes on a large source; nothing here is interactive.
        settings.CommandTimeout = 0;
        settings.ApplicationName = "pingactors-import";
        return builder.Build();
    }
}
