using System.Globalization;
using PingActors.Benchmarks.Reporting;
using PingActors.Benchmarks.Tiers;

namespace PingActors.Benchmarks.Measures;

/// <summary>
/// The floor's rounds on one way in: its host (<see cref="FloorHostCommand"/>) and the load generators each in a process
/// of their own, stepped as a tier round steps PingActors': the load warms the host up and goes on until the host's
/// compiler has settled, then the measured part runs while both processes' CPU is read before and after. First a
/// closed loop at the most clients, as PingActors' rounds; then, on the same warm host, an open loop at the rate
/// PingActors' round reached, since what a call costs depends on how many arrive together (a busier host wakes fewer
/// threads per call); last, one client, for the latency of a call with nothing else under way.
/// </summary>
internal static class FloorRound
{
    /// <param name="pingActorsRate">The pings a second PingActors' round on this way in reached; no paced round when null.</param>
    public static async Task<IReadOnlyList<FloorRow>> RunAsync(MeasureContext context, string path, double? pingActorsRate)
    {
        var clients = context.Plan.ClientCounts.Max();
        context.Display.Status(string.Create(CultureInfo.InvariantCulture, $"tiers: {path}, its host starting"));
        using var host = DriveProcess.Start("floor-host", "floor's host", ["--settle-limit-ms", Text((long)context.Plan.SettleLimit.TotalMilliseconds)]);
        // "ready http://127.0.0.1:PORT GATEWAY"
        var ready = (await host.WaitForAsync(line => line.StartsWith(FloorHostCommand.Ready + " ", StringComparison.Ordinal), TierRound.StartTimeout)).Split(' ');
        var target = (Address: new Uri(ready[1]), Gateway: int.Parse(ready[2], CultureInfo.InvariantCulture));

        // The host's compiler settles under the first load; the later ones find it settled (or not), and say so.
        List<FloorRow> rows = [await MeasureAsync(context, host, target, path, clients, rate: null, settledBefore: null)];
        var settled = rows[0].Settled;
        if (pingActorsRate is > 0 and var rate)
        {
            rows.Add(await MeasureAsync(context, host, target, path, clients, rate, settled));
        }

        if (clients > 1)
        {
            rows.Add(await MeasureAsync(context, host, target, path, 1, rate: null, settled));
        }

        return rows;
    }

    /// <param name="settledBefore">Whether an earlier load left the host's compiler settled; null to wait for it under this load.</param>
    private static async Task<FloorRow> MeasureAsync(
        MeasureContext context, DriveProcess host, (Uri Address, int Gateway) target, string path, int clients, double? rate, bool? settledBefore)
    {
        var plan = context.Plan;
        var how = rate is { } perSecond ? string.Create(CultureInfo.InvariantCulture, $"{perSecond:N0} a second") : clients == 1 ? "1 client" : $"{clients} clients";
        context.Display.Status($"tiers: {path}, {how}, load generator starting and warming up");
        string[] load = rate is { } r ? ["--rate", r.ToString("0.##", CultureInfo.InvariantCulture)] : ["--clients", Text(clients)];
        using var driver = DriveProcess.Start(TierRound.DriveArguments(context, path, load, target.Address, (target.Gateway, FloorHostCommand.ClusterId)));
        await driver.WaitForAsync(DriveCommand.Warm, TierRound.StartTimeout + plan.Warmup);
        var settled = settledBefore ?? await SettleAsync(host, plan.SettleLimit);

        await driver.SendAsync(DriveCommand.Go);
        await driver.WaitForAsync(DriveCommand.Measuring, TierRound.StartTimeout);
        var before = (Host: ProcessStat.CpuOf(host.Pid), Load: ProcessStat.CpuOf(driver.Pid));
        context.Display.Status($"tiers: {path}, {how}, measuring");
        await driver.WaitForAsync(DriveCommand.Measured, TierRound.StartTimeout + plan.Duration);
        var after = (Host: ProcessStat.CpuOf(host.Pid), Load: ProcessStat.CpuOf(driver.Pid));
        await driver.SendAsync(DriveCommand.Report);
        var result = await driver.ResultAsync(TierRound.StartTimeout);

        var calls = Math.Max(1, result.Admitted);
        return new FloorRow(path, rate is null ? clients : null, rate, result.Admitted, result.Failed, result.Admitted / result.Seconds, result.P50, result.P99,
            (after.Host - before.Host).TotalMicroseconds / calls, (after.Load - before.Load).TotalMicroseconds / calls, settled);
    }

    private static async Task<bool> SettleAsync(DriveProcess host, TimeSpan limit)
    {
        await host.SendAsync(FloorHostCommand.Settle);
        return await host.WaitForAsync(line => line is FloorHostCommand.Settled or FloorHostCommand.Unsettled, TierRound.StartTimeout + limit)
            == FloorHostCommand.Settled;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
