using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using PingActors.Benchmarks.Floor;
using PingActors.Benchmarks.Systems;
using Spectre.Console.Cli;

namespace PingActors.Benchmarks.Tiers;

/// <summary>
/// The load generator of a tier round, in a process of its own so that its CPU (and its garbage collections) are
/// counted apart from the system it loads: warms the system up, says <c>warm</c>, goes on loading it until <c>go</c> arrives on its input
/// (or <c>hold</c>: then it finishes the stretch under way, says <c>held</c> and waits for <c>go</c>), finishes the stretch
/// of load under way, says <c>measuring</c> and runs the measured closed loop (or open loop at <c>--rate</c>), says <c>measured</c>, waits for <c>report</c> (its
/// own CPU time is read in between, so it must still be there), then writes what it saw as one JSON line
/// (<see cref="DriveResult"/>).
/// </summary>
internal sealed class DriveCommand : AsyncCommand<DriveCommand.Settings>
{
    public const string Warm = "warm";
    public const string Hold = "hold";
    public const string Held = "held";
    public const string Go = "go";
    public const string Measuring = "measuring";
    public const string Measured = "measured";
    public const string Report = "report";
    public const string ResultPrefix = "result ";

    /// <summary>How long each stretch of load lasts while the round waits for the host to settle after the warm-up.</summary>
    private const int WarmSliceMilliseconds = 250;

    public sealed class Settings : CommandSettings
    {
        [CommandOption("--system <NAME>")]
        public string System { get; init; } = "";

        [CommandOption("--clients <N>")]
        public int Clients { get; init; }

        [CommandOption("--rate <PER_SECOND>")]
        [Description("Open loop at this many pings a second instead of a closed loop of --clients clients.")]
        public double Rate { get; init; }

        [CommandOption("--warmup-ms <MS>")]
        public int WarmupMilliseconds { get; init; }

        [CommandOption("--duration-ms <MS>")]
        public int DurationMilliseconds { get; init; }

        [CommandOption("--users <N>")]
        public int Users { get; init; }

        [CommandOption("--owners <N>")]
        public int Owners { get; init; }

        [CommandOption("--listings <N>")]
        public int Listings { get; init; }

        [CommandOption("--senders <PREFIX>")]
        [Description("Senders named PREFIX0000 to PREFIX(count-1) instead of the workload's users.")]
        public string? SenderPrefix { get; init; }

        [CommandOption("--sender-count <N>")]
        public int SenderCount { get; init; }

        [CommandOption("--postgres <CONNECTION_STRING>")]
        public string? Postgres { get; init; }

        [CommandOption("--http <URL>")]
        public string? Http { get; init; }

        [CommandOption("--signing-key <KEY>")]
        public string? SigningKey { get; init; }

        [CommandOption("--gateway <PORT>")]
        public int Gateway { get; init; }

        [CommandOption("--cluster <ID>")]
        public string? Cluster { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var workload = new Workload(BenchmarkPlan.Smoke() with { Users = settings.Users, Owners = settings.Owners, Listings = settings.Listings });
        string[] senders = settings.SenderPrefix is { } prefix
            ? [.. Enumerable.Range(0, settings.SenderCount).Select(i => TierSenders.Name(prefix, i))]
            : workload.Users;
        Func<Random, PingRequest> next = random => workload.PickFor(senders[random.Next(senders.Length)], random);

        using var operations = new DatabaseOperations();
        await using var resources = new DriveResources();
        var system = await CreateAsync(settings, senders, resources);
        await RunAsync(system, settings, settings.WarmupMilliseconds, next);

        // Warm for at least the plan's warm-up, then go on loading until told to measure: the round waits for the
        // host to have compiled the path (see TierRound). Told to hold first, it stops until told to go.
        await Console.Out.WriteLineAsync(Warm);
        // Console.In reads synchronously, ReadLineAsync too (it would block here, and the host would settle with no load
        // at all): the round's word is awaited on a thread of its own while the load goes on.
        var told = Task.Factory.StartNew(Console.In.ReadLine, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        var keptWarm = 0L;
        while (!told.IsCompleted)
        {
            keptWarm += (await RunAsync(system, settings, WarmSliceMilliseconds, next)).Calls;
        }

        var word = await told;
        if (word == Hold)
        {
            await Console.Out.WriteLineAsync(Held);
            word = await Console.In.ReadLineAsync(cancellationToken);
        }

        if (word != Go)
        {
            return 1;
        }

        await Console.Out.WriteLineAsync(Measuring);

        var before = operations.OfSystem(system.Name);
        var result = await RunAsync(system, settings, settings.DurationMilliseconds, next);
        var roundTrips = operations.OfSystem(system.Name) - before;
        await Console.Out.WriteLineAsync(Measured);
        if (await Console.In.ReadLineAsync(cancellationToken) != Report)
        {
            return 1;
        }

        var drive = new DriveResult(result.Admitted, result.Refused, result.Failed, result.Elapsed.TotalSeconds,
            result.Milliseconds(50), result.Milliseconds(95), result.Milliseconds(99), roundTrips, keptWarm);
        await Console.Out.WriteLineAsync(ResultPrefix + JsonSerializer.Serialize(drive));
        return 0;
    }

    private static Task<LoadResult> RunAsync(IPingSystem system, Settings settings, int milliseconds, Func<Random, PingRequest> next) =>
        settings.Rate > 0
            ? Load.RunAtRateAsync(system, settings.Rate, TimeSpan.FromMilliseconds(milliseconds), next)
            : Load.RunAsync(system, settings.Clients, TimeSpan.FromMilliseconds(milliseconds), next);

    private static async Task<IPingSystem> CreateAsync(Settings settings, string[] senders, DriveResources resources)
    {
        switch (settings.System)
        {
            case "seed":
                return new SeedSystem(resources.Add(BenchmarkDatabase.DesignDataSource(settings.Postgres!, BenchmarkDatabase.SeedPoolName)));
            case "legacy":
                return new LegacySystem(resources.Add(BenchmarkDatabase.DesignDataSource(settings.Postgres!, BenchmarkDatabase.LegacyPoolName)));
            case "http":
                var http = resources.Add(PingActorsHost.HttpClientFor(new Uri(settings.Http!)));
                return new HttpSystem(http, settings.SigningKey!, senders);
            case "orleans":
                return new OrleansSystem(await ClientAsync(settings, resources));
            case "floor-http":
                return new FloorHttpSystem(resources.Add(PingActorsHost.HttpClientFor(new Uri(settings.Http!))));
            case "floor-orleans":
                return new FloorOrleansSystem(await ClientAsync(settings, resources));
            default:
                throw new ArgumentException($"No system '{settings.System}' to drive.", nameof(settings));
        }
    }

    /// <summary>An Orleans client of the cluster at <c>--gateway</c> and <c>--cluster</c> on loopback.</summary>
    private static async Task<IClusterClient> ClientAsync(Settings settings, DriveResources resources)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(settings.Gateway, settings.Cluster!, settings.Cluster!));
        builder.Services.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(30));
        var host = resources.Add(builder.Build());
        await host.StartAsync();
        return host.Services.GetRequiredService<IClusterClient>();
    }
}
