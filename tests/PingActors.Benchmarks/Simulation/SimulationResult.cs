namespace PingActors.Benchmarks.Simulation;

/// <summary>A simulated month under one policy.</summary>
/// <param name="Policy">The policy's name.</param>
/// <param name="Sent">Pings admitted.</param>
/// <param name="Answered">Of them, answered by their owner.</param>
/// <param name="OwnerPendingP50">The median number of pings an owner had waiting, over every owner and hour.</param>
/// <param name="OwnerPendingP99">The 99th percentile of the same.</param>
/// <param name="SpamAttempts">Pings spammers tried to send.</param>
/// <param name="SpamStopped">Of them, refused.</param>
/// <param name="GoodAttempts">Pings good senders tried to send.</param>
/// <param name="GoodRefused">Of them, refused.</param>
/// <param name="SpamSent">Spam pings admitted.</param>
/// <param name="GoodRefusedBy">Good senders' refusals by the rule that refused.</param>
/// <param name="GoodDeferred">Good pings put off until a cooldown the sender read in their limits ended.</param>
internal sealed record SimulationResult(
    string Policy,
    int Sent,
    int Answered,
    int OwnerPendingP50,
    int OwnerPendingP99,
    int SpamAttempts,
    int SpamStopped,
    int GoodAttempts,
    int GoodRefused,
    int SpamSent,
    IReadOnlyDictionary<string, int> GoodRefusedBy,
    int GoodDeferred)
{
    public double AnswerRate => Sent == 0 ? 0 : (double)Answered / Sent;

    public double GoodRefusedShare => GoodAttempts == 0 ? 0 : (double)GoodRefused / GoodAttempts;

    public double SpamStoppedShare => SpamAttempts == 0 ? 0 : (double)SpamStopped / SpamAttempts;
}
