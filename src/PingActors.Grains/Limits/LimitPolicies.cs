using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PingActors.Pings;

namespace PingActors.Limits;

/// <summary>
/// The policies in force in this silo, in memory: every decision reads them without a round trip. A background loop
/// reads the stored policies every <see cref="LimitOptions.RefreshInterval"/>, so a change made on any node reaches
/// every silo within that; until one is stored, the configured policy (<c>Limits:Enforced</c>) is in force.
/// </summary>
public sealed partial class LimitPolicies(
    LimitPolicyStore store, IOptions<LimitOptions> options, IOptions<PingOptions> pings, IConfiguration configuration, ILogger<LimitPolicies> logger)
    : BackgroundService
{
    private LimitPolicySet? _current;

    /// <summary>The policies in force now.</summary>
    public LimitPolicySet Current => _current ??= Configured();

    /// <summary>The configured policy, as version 0: its standard cap is <c>Pings:DailyLimit</c> unless set itself.</summary>
    public LimitPolicySet Configured()
    {
        var enforced = options.Value.Enforced;
        if (options.Value.Preset == LimitPreset.Flat)
        {
            enforced = LimitPolicy.Flat with { };
            configuration.GetSection($"{LimitOptions.Section}:{nameof(LimitOptions.Enforced)}").Bind(enforced);
        }

        if (configuration[$"{LimitOptions.Section}:{nameof(LimitOptions.Enforced)}:{nameof(LimitPolicy.StandardCap)}"] is null)
        {
            enforced = enforced with { StandardCap = pings.Value.DailyLimit };
        }

        return new LimitPolicySet(0, enforced, null, 0, DateTimeOffset.UnixEpoch, "configuration");
    }

    /// <summary>Reads the stored policies now (a change made through this silo applies here at once).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        var stored = await store.ReadAsync(cancellationToken);
        var next = stored ?? Configured();
        if (next.Version != Current.Version)
        {
            LogChanged(logger, next.Version, next.ChangedBy);
        }

        _current = next;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRefreshFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Limit policies version {Version} (set by {ChangedBy}) are in force.")]
    private static partial void LogChanged(ILogger logger, long version, string changedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the stored limit policies; the ones in force stay.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
