using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PingActors.Analytics;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Systems;
using PingActors.Chats;
using PingActors.Listings;
using PingActors.Pings;
using PingActors.Users;

namespace PingActors.Benchmarks;

/// <summary>
/// One benchmark run: the seed's design and PingActors (over HTTP and through the Orleans client) side by
/// side, on the same PostgreSQL, with the same workload, in one process.
/// </summary>
internal sealed partial class BenchmarkRunner(BenchmarkPlan plan, RunDisplay display, ILogger logger)
{
    private const int ExactnessPings = 100;
    private const int ExactnessLimit = 50;

    public async Task<BenchmarkReport> RunAsync(string? postgres, IReadOnlyList<string> postgresSettings, IReadOnlyDictionary<string, string?> hostSettings)
    {
        var started = Stopwatch.StartNew();
        display.Status("starting PostgreSQL (durable settings) and creating both schemas");
        await using var database = await BenchmarkDatabase.CreateAsync(postgres, postgresSettings, logger);
        var report = new BenchmarkReport
        {
            StartedAt = DateTimeOffset.UtcNow,
            Plan = plan,
            Environment = string.Create(CultureInfo.InvariantCulture,
                $"{System.Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1073741824.0:0} GiB, "
                + $"{RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, PostgreSQL {database.ServerVersion} "
                + $"(fsync and synchronous_commit on; {string.Join(", ", BenchmarkDatabase.Tuning)})"),
        };

        var workload = new Workload(plan);
        display.Status("writing history: chats for the memory figure, a long chat, a long-serving user");
        var history = new HistorySeeder(database);
        var memoryChats = await history.ChatsAsync(
            [.. Enumerable.Range(0, plan.MemoryGrains).Select(i => (workload.Users[i % workload.Users.Length], Guid.NewGuid(), workload.Owners[i % workload.Owners.Length]))]);
        var longChat = await history.LongChatAsync("long-chat-sender", workload.Owners[0], plan.History);
        await history.UserHistoryAsync("long-serving-user", workload.Owners[0], plan.History);

        // The seed's "limits cache" starts warm with raised limits, as PingActors' user grains will.
        await database.ExecuteAsync(
            "INSERT INTO seed.ping_limits_cache (username, daily_pings_limit) SELECT u, 1000000 FROM unnest($1::text[]) AS u",
            [workload.Users]);

        display.Status("starting PingActors (API host with its silo, and an Orleans client)");
        await using (var host = await PingActorsHost.StartAsync(database.ConnectionString, hostSettings))
        {
            await MeasureOnOneHostAsync(report, host, database, workload, memoryChats, longChat);
        }

        report.Elapsed = started.Elapsed;
        return report;
    }

    private async Task MeasureOnOneHostAsync(
        BenchmarkReport report, PingActorsHost host, BenchmarkDatabase database, Workload workload, IReadOnlyList<(Guid ChatId, string Owner)> memoryChats, Guid longChat)
    {
        display.Status("registering listings");
        await ParallelAsync(workload.Listings, 64, listing => host.Client.GetGrain<IListingGrain>(listing.Id).RegisterAsync(listing.Owner, "A thing for sale"));

        if (plan.Measures.Contains("memory"))
        {
            report.Memory = await MeasureMemoryAsync(host, workload, memoryChats);
            display.Row(new DisplayRow("memory", SystemNames.Orleans, Invariant($"{report.Memory.WorkingSetBytes / 1048576.0:N0} MiB")));
        }
        else if (plan.Measures.Contains("throughput"))
        {
            // The seed's limits cache holds every sender before it is measured; PingActors' senders are active
            // grains likewise (the memory figure activates them too), so neither pays a first-read per sender.
            display.Status(Invariant($"activating {workload.Users.Length:N0} user grains, as the seed's limits cache is warm"));
            await ParallelAsync(workload.Users, 128, user => host.Client.GetGrain<IUserGrain>(user).GetAllowanceAsync(), display.Progress);
        }

        IPingSystem[] systems =
        [
            .. plan.Systems.Contains("seed") ? [new SeedSystem(database.Seed)] : Array.Empty<IPingSystem>(),
            .. plan.Systems.Contains("http") ? [new HttpSystem(host.Http, host.SigningKey, workload.Users)] : Array.Empty<IPingSystem>(),
            .. plan.Systems.Contains("orleans") ? [new OrleansSystem(host.Client)] : Array.Empty<IPingSystem>(),
        ];
        foreach (var clients in plan.Measures.Contains("throughput") ? plan.ClientCounts : [])
        {
            foreach (var system in systems)
            {
                var row = await MeasureThroughputAsync(system, clients, workload);
                report.Throughput.Add(row);
                display.Row(new DisplayRow("throughput", row.System, Invariant($"{row.PerSecond:N0}/s"), clients, row.P50, row.P95, row.P99,
                    VsSeed: row.PerSecond / report.SeedThroughput(clients)));
            }
        }

        foreach (var system in plan.Measures.Contains("exactness") ? systems : [])
        {
            var row = await MeasureExactnessAsync(system, host, database, workload);
            report.Exactness.Add(row);
            display.Row(new DisplayRow("exactness", row.System, $"{row.Admitted} of {row.Sent} admitted (limit {ExactnessLimit})", ExactnessPings));
        }

        using var operations = new DatabaseOperations();
        foreach (var system in plan.Measures.Contains("rejection") ? systems : [])
        {
            var row = await MeasureRejectionAsync(system, host, database, workload, operations);
            report.Rejection.Add(row);
            display.Row(new DisplayRow("rejection", row.System, Invariant($"{row.PerSecond:N0}/s, {row.RoundTripsPerRejection:0.0000} round trips each"), row.Clients,
                VsSeed: row.PerSecond / report.SeedRejection()));
        }

        foreach (var row in plan.Measures.Contains("cost") ? await MeasureCostGrowthAsync(host, workload, longChat) : [])
        {
            report.Cost.Add(row);
            display.Row(new DisplayRow("cost", row.Operation, Invariant($"{row.SmallCase} {row.SmallP50:0.000} ms → {row.LargeCase} {row.LargeP50:0.000} ms ({row.Growth:+0.0%;-0.0%})"), 1));
        }

        if (plan.Measures.Contains("analytics"))
        {
            await MeasureAnalyticsAsync(report, host, database, workload);
        }
    }

    /// <summary>
    /// What the analytics event workers cost the ping path: the same Orleans-client load in rounds with the workers
    /// running and rounds with them held off (by the advisory lock a rebuild takes, so they only look once a
    /// second), alternating on one warm host. A round with workers on first lets them apply what earlier rounds
    /// left. Each round is a steady load (running workers keep up), a burst at the most clients (it saturates
    /// the ping path, so running workers hold back) and the steady load again (running workers catch up on the
    /// burst meanwhile).
    /// </summary>
    private async Task MeasureAnalyticsAsync(BenchmarkReport report, PingActorsHost host, BenchmarkDatabase database, Workload workload)
    {
        var clients = plan.ClientCounts.Max();
        var system = new OrleansSystem(host.Client);
        var processor = host.SiloServices.GetRequiredService<AnalyticsProcessor>();

        // The steady load is the rate a production system runs at: a third of what the burst reaches (well below
        // capacity even when the machine dips), the same in every round.
        var capacity = report.Throughput.FirstOrDefault(r => r.System == SystemNames.Orleans && r.Clients == clients)?.PerSecond
            ?? (await MeasureThroughputAsync(system, clients, workload)).PerSecond;
        var rate = Math.Max(100, Math.Round(capacity / 3 / 100) * 100);
        foreach (var (workers, round) in plan.AnalyticsRounds.Select((workers, i) => (workers, i + 1)))
        {
            var label = workers ? "analytics workers on" : "analytics workers off";
            await using var pause = workers ? null : await HoldWorkersOffAsync(database);
            var (drained, drainTime) = workers ? await DrainAsync(processor) : (0, TimeSpan.Zero);
            await SettleAsync(database);

            display.Status(Invariant($"analytics: round {round}, {label}, steady {rate:N0} pings/s"));
            var steady = await SteadyLoadAsync(system, rate, workload);
            var burst = await MeasureThroughputAsync(system, clients, workload);
            var unprocessed = (await processor.BacklogAsync()).Unprocessed;

            display.Status(Invariant($"analytics: round {round}, {label}, steady {rate:N0} pings/s after the burst"));
            using var watching = new CancellationTokenSource();
            var caughtUp = workers ? WatchCatchUpAsync(processor, watching.Token) : Task.FromResult<TimeSpan?>(null);
            var after = await SteadyLoadAsync(system, rate, workload);
            await watching.CancelAsync();
            var left = (await processor.BacklogAsync()).Unprocessed;

            var row = new AnalyticsRow(round, workers, clients, steady, burst.PerSecond, burst.P50, burst.P99, unprocessed, after, await caughtUp, left, drained, drainTime);
            report.Analytics.Add(row);
            display.Row(new DisplayRow("analytics", $"{SystemNames.Orleans}, {label}", Invariant($"{row.PerSecond:N0}/s"), clients, row.P50, P99: row.P99,
                Note: Invariant($"at {rate:N0}/s p99 {steady.P99:0.00} ms, after the burst {after.P99:0.00} ms")));
        }
    }

    /// <summary>An open loop at <paramref name="rate"/> for the plan's duration: latency from when each ping was due, and the GC meanwhile.</summary>
    private async Task<SteadyLoadRow> SteadyLoadAsync(IPingSystem system, double rate, Workload workload)
    {
        var (pausedBefore, collectionsBefore) = (GC.GetTotalPauseDuration(), GC.CollectionCount(0));
        var open = await Load.RunAtRateAsync(system, rate, plan.Duration, workload.Pick, display.Progress);
        return new SteadyLoadRow(rate, open.Milliseconds(50), open.Milliseconds(95), open.Milliseconds(99), open.Admitted, open.Failed,
            GC.GetTotalPauseDuration() - pausedBefore, GC.CollectionCount(0) - collectionsBefore);
    }

    /// <summary>
    /// How long into the load after the burst the workers had applied what it left (the oldest waiting event under
    /// a second old), read every quarter second through the workers' own cheap lag query; null if not before the end.
    /// </summary>
    private static async Task<TimeSpan?> WatchCatchUpAsync(AnalyticsProcessor processor, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await processor.LagAsync(stop) >= TimeSpan.FromSeconds(1))
            {
                await poll.WaitForNextTickAsync(stop);
            }

            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Holds every worker off until the result is disposed (pooled connections keep session locks, so it unlocks explicitly).</summary>
    private static async Task<IAsyncDisposable> HoldWorkersOffAsync(BenchmarkDatabase database)
    {
        var connection = await database.Admin.OpenConnectionAsync();
        await AdvisoryLocks.LockAsync(connection, AdvisoryLocks.Workers, CancellationToken.None);
        return new AsyncDisposable(async () =>
        {
            await AdvisoryLocks.UnlockAsync(connection, AdvisoryLocks.Workers);
            await connection.DisposeAsync();
        });
    }

    private sealed class AsyncDisposable(Func<Task> dispose) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await dispose();
    }

    /// <summary>
    /// Starts every round from the same table state: earlier rounds' new and dead rows are vacuumed and the
    /// checkpoint is taken now, so neither autovacuum nor a checkpoint lands inside one round's measurement.
    /// </summary>
    private async Task SettleAsync(BenchmarkDatabase database)
    {
        display.Status("analytics: vacuuming the history, event and aggregate tables and taking a checkpoint");
        await database.ExecuteAsync("""
            VACUUM (ANALYZE) public.chats, public.pings, public.messages, public.events,
                public.user_daily_stats, public.user_daily_response_minutes, public.listing_stats, public.listing_response_minutes
            """);
        try
        {
            await database.ExecuteAsync("CHECKPOINT");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            LogNoCheckpoint();
        }
    }

    /// <summary>Waits for the workers to apply every event earlier rounds left unprocessed.</summary>
    private async Task<(long Events, TimeSpan Elapsed)> DrainAsync(AnalyticsProcessor processor)
    {
        var backlog = (await processor.BacklogAsync()).Unprocessed;
        var clock = Stopwatch.StartNew();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        for (var left = backlog; left > 0; left = (await processor.BacklogAsync()).Unprocessed)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException(Invariant($"The analytics workers left {left:N0} of {backlog:N0} events unprocessed after 10 minutes."));
            }

            display.Status(Invariant($"analytics: workers draining {backlog:N0} events left by earlier rounds, {left:N0} to go"));
            display.Progress(1 - (double)left / backlog);
            await poll.WaitForNextTickAsync();
        }

        return (backlog, clock.Elapsed);
    }

    private async Task<MemoryRow> MeasureMemoryAsync(PingActorsHost host, Workload workload, IReadOnlyList<(Guid ChatId, string Owner)> chats)
    {
        var users = workload.Users.Take(plan.MemoryGrains).ToList();
        display.Status(Invariant($"memory: activating {users.Count:N0} user grains"));
        await ParallelAsync(users, 128, user => host.Client.GetGrain<IUserGrain>(user).GetAllowanceAsync(), display.Progress);
        display.Status(Invariant($"memory: activating {chats.Count:N0} chat grains (each reads its chat and its read cursors)"));
        await ParallelAsync(chats, 128, chat => host.Client.GetGrain<IChatGrain>(chat.ChatId).GetAsync(chat.Owner), display.Progress);

        var activations = await host.Client.GetGrain<IManagementGrain>(0).GetTotalActivationCount();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new MemoryRow(users.Count, chats.Count, activations, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }

    private async Task<ThroughputRow> MeasureThroughputAsync(IPingSystem system, int clients, Workload workload)
    {
        display.Status(Invariant($"throughput: {system.Name}, {clients} clients, warming up"));
        await Load.RunAsync(system, clients, plan.Warmup, workload.Pick);
        display.Status(Invariant($"throughput: {system.Name}, {clients} clients"));
        var result = await Load.RunAsync(system, clients, plan.Duration, workload.Pick, display.Progress);
        return new ThroughputRow(system.Name, clients, result.AdmittedPerSecond, result.Milliseconds(50), result.Milliseconds(95), result.Milliseconds(99),
            result.Admitted, result.Refused, result.Failed);
    }

    private async Task<ExactnessRow> MeasureExactnessAsync(IPingSystem system, PingActorsHost host, BenchmarkDatabase database, Workload workload)
    {
        var sender = $"exact-{Guid.NewGuid():N}"[..24];
        display.Status($"exactness: {system.Name}, {ExactnessPings} concurrent pings from {sender}");
        if (system.Name != SystemNames.Seed)
        {
            // The seed's cache gives a new user 50 by default; PingActors' default is raised for this run, so set it back.
            await host.Client.GetGrain<IUserGrain>(sender).SetDailyLimitAsync(ExactnessLimit);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = workload.Listings.Take(ExactnessPings).Select(async listing =>
        {
            await start.Task;
            return await system.SendAsync(new PingRequest(sender, listing.Id, listing.Owner, "Is this still available?"));
        }).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(sends);
        var table = system.Name == SystemNames.Seed ? "seed.pings WHERE sender_username" : "public.pings WHERE sender";
        var rows = await database.ScalarAsync<long>($"SELECT count(*) FROM {table} = $1", sender);
        return new ExactnessRow(system.Name, ExactnessPings, outcomes.Count(o => o == SendOutcome.Admitted), rows);
    }

    private async Task<RejectionRow> MeasureRejectionAsync(
        IPingSystem system, PingActorsHost host, BenchmarkDatabase database, Workload workload, DatabaseOperations operations)
    {
        var sender = $"over-{Guid.NewGuid():N}"[..24];
        if (system.Name == SystemNames.Seed)
        {
            await database.ExecuteAsync("INSERT INTO seed.ping_limits_cache (username, daily_pings_sent, daily_pings_limit) VALUES ($1, 1, 1)", sender);
        }
        else
        {
            await host.Client.GetGrain<IUserGrain>(sender).SetDailyLimitAsync(1);
            await system.SendAsync(workload.PickFor(sender, new Random(1)));
        }

        var clients = plan.ClientCounts.Max();
        display.Status($"rejection path: {system.Name}, {sender} over the limit, {clients} clients");
        await Load.RunAsync(system, clients, plan.Warmup, random => workload.PickFor(sender, random));
        var (seedBefore, actorsBefore) = (operations.Seed, operations.PingActors);
        var result = await Load.RunAsync(system, clients, plan.Duration, random => workload.PickFor(sender, random), display.Progress);
        var roundTrips = system.Name == SystemNames.Seed ? operations.Seed - seedBefore : operations.PingActors - actorsBefore;
        return new RejectionRow(system.Name, clients, result.RefusedPerSecond, result.Refused == 0 ? double.NaN : (double)roundTrips / result.Refused);
    }

    private async Task<IReadOnlyList<CostRow>> MeasureCostGrowthAsync(PingActorsHost host, Workload workload, Guid longChat)
    {
        display.Status(Invariant($"cost growth: posting into a chat of {plan.History:N0} messages and into a new one"));
        var grains = host.Client;
        var fresh = (await grains.GetGrain<IUserGrain>("short-chat-sender").SendPingAsync(
            new SendPing(Guid.NewGuid(), workload.Listings[^1].Id, "Hello, is this still available?"))).Ping!;
        var longChatGrain = grains.GetGrain<IChatGrain>(longChat);
        var shortChatGrain = grains.GetGrain<IChatGrain>(fresh.ChatId);
        var (shortPosts, longPosts) = await InterleavedAsync(
            i => Post(shortChatGrain, "short-chat-sender", i),
            i => Post(longChatGrain, "long-chat-sender", i));

        display.Status(Invariant($"cost growth: pings by a user with {plan.History:N0} pings in history and by a new user"));
        var (newUser, longServing) = await InterleavedAsync(
            i => Ping("new-user", workload.Listings[i % workload.Listings.Length].Id),
            i => Ping("long-serving-user", workload.Listings[i % workload.Listings.Length].Id));

        return
        [
            new CostRow("post a message", "new chat", shortPosts.Milliseconds(50), Invariant($"chat of {plan.History:N0} messages"), longPosts.Milliseconds(50)),
            new CostRow("send a ping", "new user", newUser.Milliseconds(50), Invariant($"user with {plan.History:N0} pings"), longServing.Milliseconds(50)),
        ];

        async Task<SendOutcome> Post(IChatGrain chat, string author, int i) =>
            (await chat.PostMessageAsync(author, workload.AnyMessage(new Random(i)), null)).Outcome == PostMessageOutcome.Posted ? SendOutcome.Admitted : SendOutcome.Refused;

        async Task<SendOutcome> Ping(string sender, Guid listing) =>
            (await grains.GetGrain<IUserGrain>(sender).SendPingAsync(new SendPing(Guid.NewGuid(), listing, "Hello, is this still available?"))).Outcome == SendPingOutcome.Sent
                ? SendOutcome.Admitted : SendOutcome.Refused;
    }

    /// <summary>Times two operations in alternation, so drift in the machine affects both alike.</summary>
    private async Task<(LoadResult Small, LoadResult Large)> InterleavedAsync(Func<int, Task<SendOutcome>> small, Func<int, Task<SendOutcome>> large)
    {
        // Warm both up first (with an index the measured calls do not use): activation and first-call costs are
        // not what is measured.
        await small(plan.CostSamples);
        await large(plan.CostSamples);
        LoadResult? a = null, b = null;
        for (var round = 0; round < 10; round++)
        {
            var count = plan.CostSamples / 10;
            var s = await Load.RunSequentialAsync(i => small(round * count + i), count);
            var l = await Load.RunSequentialAsync(i => large(round * count + i), count);
            a = a is null ? s : Merge(a, s);
            b = b is null ? l : Merge(b, l);
            display.Progress((round + 1) / 10.0);
        }

        return (a!, b!);
    }

    private static LoadResult Merge(LoadResult left, LoadResult right)
    {
        var latency = left.Latency.Copy();
        latency.Add(right.Latency);
        return new LoadResult(left.Admitted + right.Admitted, left.Refused + right.Refused, left.Failed + right.Failed, left.Elapsed + right.Elapsed, latency);
    }

    private static async Task ParallelAsync<T>(IReadOnlyList<T> items, int concurrency, Func<T, Task> action, Action<double>? progress = null)
    {
        var done = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, _) =>
        {
            await action(item);
            if (progress is not null && Interlocked.Increment(ref done) % 1000 == 0)
            {
                progress((double)done / items.Count);
            }
        });
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The benchmark's database user may not CHECKPOINT; a checkpoint may land inside a round.")]
    private partial void LogNoCheckpoint();
}
