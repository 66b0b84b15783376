using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using PingActors.Analytics;
using PingActors.Benchmarks.Floor;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Benchmarks.Tiers;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// One round of the tier measures: a load generator in its own process warms the system up (for PingActors, until
/// the host's just-in-time compiler has settled as well: on a slow machine the HTTP path was still being compiled
/// for a dozen seconds after a 3-second warm-up, a third of the host's CPU), then loads it for the plan's duration
/// while the round reads every tier's counters before and after. For PingActors the measured part starts
/// with no analytics events waiting (the load holds while the workers apply the warm-up's) and runs with the event workers held off, so that it measures the ping path
/// like for like with the seed's (each ping writes its outbox event, as the seed's queues its analytics job); then
/// the workers apply the round's events, and what that costs is counted apart.
/// </summary>
internal static class TierRound
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    /// <summary>The <c>--systems</c> name of each system, as the load generator's <c>--system</c> takes it.</summary>
    public static string Key(string system) => system switch
    {
        SystemNames.Legacy => "legacy",
        SystemNames.Seed => "seed",
        SystemNames.Http => "http",
        FloorPaths.Http => "floor-http",
        FloorPaths.Orleans => "floor-orleans",
        _ => "orleans",
    };

    /// <param name="senders">Senders set apart from the workload's, by prefix and count; null for the workload's.</param>
    public static async Task<TierRow> RunAsync(MeasureContext context, TierSampler sampler, string system, string variant, (string Prefix, int Count)? senders = null)
    {
        var plan = context.Plan;
        var clients = plan.ClientCounts.Max();
        context.Display.Status(string.Create(CultureInfo.InvariantCulture, $"tiers: {system}{(variant.Length > 0 ? $", {variant}" : "")}, {clients} clients, load generator starting and warming up"));
        var arguments = DriveArguments(context, system, ["--clients", Text(clients)]);
        if (senders is var (prefix, count))
        {
            arguments.AddRange(["--senders", prefix, "--sender-count", Text(count)]);
        }

        var pingActors = system is SystemNames.Http or SystemNames.Orleans;
        var workers = pingActors ? new AnalyticsWorkers(context.Host.SiloServices.GetRequiredService<AnalyticsProcessor>(), context) : null;
        if (workers is not null)
        {
            await workers.DrainAsync();
        }

        await context.Database.CheckpointAsync();
        var heldOff = workers is null ? null : await workers.HoldOffAsync();
        TierSample before, after, applied;
        DriveResult result;
        try
        {
            using var load = DriveProcess.Start(arguments);
            await load.WaitForAsync(DriveCommand.Warm, StartTimeout + plan.Warmup);
            if (pingActors && !await JitSettling.WaitAsync(plan.SettleLimit))
            {
                context.Display.Status(string.Create(CultureInfo.InvariantCulture, $"tiers: {system}, the host still compiles after {plan.SettleLimit.TotalSeconds:N0} s more; measuring anyway"));
            }

            if (heldOff is not null)
            {
                // The warm-up's events are not the round's: the load holds while the workers apply them.
                await load.SendAsync(DriveCommand.Hold);
                await load.WaitForAsync(DriveCommand.Held, StartTimeout);
                await heldOff.DisposeAsync();
                heldOff = null;
                await workers!.DrainAsync(count: false);
                // No checkpoint here: the measured part would write a full-page image of every page it touches first,
                // which the seed's round (a checkpoint before its warm-up) does not.
                heldOff = await workers.HoldOffAsync();
            }

            await load.SendAsync(DriveCommand.Go);
            await load.WaitForAsync(DriveCommand.Measuring, StartTimeout);
            before = await sampler.TakeAsync(load.Pid);
            context.Display.Status(string.Create(CultureInfo.InvariantCulture, $"tiers: {system}{(variant.Length > 0 ? $", {variant}" : "")}, {clients} clients, measuring"));
            await load.WaitForAsync(DriveCommand.Measured, StartTimeout + plan.Duration);
            after = applied = await sampler.TakeAsync(load.Pid);
            if (heldOff is not null)
            {
                // The load generator has stopped sending and waits to report.
                await heldOff.DisposeAsync();
                heldOff = null;
                await workers!.DrainAsync(count: false);
                applied = await sampler.TakeAsync(load.Pid);
            }

            await load.SendAsync(DriveCommand.Report);
            result = await load.ResultAsync(StartTimeout);
        }
        finally
        {
            if (heldOff is not null)
            {
                await heldOff.DisposeAsync();
            }
        }

        var operations = Math.Max(1, result.Admitted > 0 ? result.Admitted : result.Refused);
        return new TierRow(
            system, variant, clients, result.Admitted > 0 ? result.Admitted : result.Refused, result.Failed, operations / result.Seconds, result.P50, result.P99,
            PostgresMicros: after.Postgres - before.Postgres is { } postgres ? postgres.TotalMicroseconds / operations : null,
            DotnetMicros: pingActors ? (after.Host - before.Host).TotalMicroseconds / operations : null,
            AllocatedBytes: pingActors ? (double)(after.HostAllocated - before.HostAllocated) / operations : null,
            LoadMicros: (after.Load - before.Load).TotalMicroseconds / operations,
            WalBytes: (double)(after.WalBytes - before.WalBytes) / operations,
            Transactions: (double)(after.TransactionIds - before.TransactionIds - 1) / operations,
            RoundTrips: (double)(pingActors ? after.HostRoundTrips - before.HostRoundTrips : result.RoundTrips) / operations,
            AnalyticsPostgresMicros: pingActors && applied.Postgres - after.Postgres is { } folding ? folding.TotalMicroseconds / operations : null,
            AnalyticsDotnetMicros: pingActors ? (applied.Host - after.Host).TotalMicroseconds / operations : null,
            DotnetSplit: pingActors ? HostThreads.Between(before.HostThreads, after.HostThreads, after.Host - before.Host, operations) : null,
            KeptWarm: result.KeptWarm);
    }

    /// <summary>What the load generator (<see cref="DriveCommand"/>) needs to load <paramref name="system"/> on the context's host.</summary>
    /// <param name="load">How much: <c>--clients N</c> for a closed loop, <c>--rate R</c> for an open one.</param>
    /// <param name="http">The API to send HTTP pings to; the context's host's when null.</param>
    /// <param name="gateway">The Orleans gateway's port and cluster id to call grains through; the context's host's when null.</param>
    public static List<string> DriveArguments(MeasureContext context, string system, IEnumerable<string> load, Uri? http = null, (int Port, string Cluster)? gateway = null)
    {
        var (plan, host) = (context.Plan, context.Host);
        var (gatewayPort, cluster) = gateway ?? (host.GatewayPort, PingActorsHost.ClusterId);
        return
        [
            "--system", Key(system), .. load,
            "--warmup-ms", Text((long)plan.Warmup.TotalMilliseconds), "--duration-ms", Text((long)plan.Duration.TotalMilliseconds),
            "--users", Text(plan.Users), "--owners", Text(plan.Owners), "--listings", Text(plan.Listings),
            "--postgres", context.Database.ConnectionString, "--http", (http ?? host.Address).ToString(), "--signing-key", host.SigningKey,
            "--gateway", Text(gatewayPort), "--cluster", cluster,
        ];
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
