using Microsoft.Extensions.Logging;
using Npgsql;

namespace PingActors.Storage;

/// <summary>
/// Turns a database failure that escapes a grain call into a <see cref="StorageUnavailableException"/>. The
/// driver's own exceptions cannot be serialized to the caller (it would get a codec error instead), and callers
/// should not depend on the driver anyway: they need to know only that the database failed, and whether a write
/// may have committed.
/// </summary>
internal sealed partial class StorageFailureFilter(ILogger<StorageFailureFilter> logger) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        // Every call to every grain passes here: one that is already done (most of them, the grains answer from
        // memory) needs no state machine of its own.
        var call = context.Invoke();
        return call.IsCompletedSuccessfully ? Task.CompletedTask : TranslateFailureAsync(call, context);
    }

    private async Task TranslateFailureAsync(Task call, IIncomingGrainCallContext context)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (Translate(ex) is { } unavailable)
        {
            LogFailed(logger, ex, context.InterfaceMethod?.Name ?? "?", context.TargetId);
            throw unavailable;
        }
    }

    /// <summary>The failure to hand the caller, or <see langword="null"/> if <paramref name="exception"/> is not a database failure.</summary>
    internal static StorageUnavailableException? Translate(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case StorageUnavailableException:
                    return null;
                case WriteOutcomeUnknownException:
                    return new StorageUnavailableException("A write lost its connection to the database and may have committed.", null, outcomeUnknown: true);
                case PostgresException refused:
                    return new StorageUnavailableException($"The database refused the operation ({refused.SqlState}).", refused.SqlState, outcomeUnknown: false);
                case NpgsqlException:
                    return new StorageUnavailableException("The database could not be reached.", null, outcomeUnknown: false);
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} on {Grain} failed in the database")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, GrainId grain);
}
