using System.Runtime.CompilerServices;
using PingActors.Api.Resilience;
using PingActors.Testing;

namespace PingActors.Api.Tests.Resilience;

/// <summary>
/// A grain call the cluster could not take is made again, after pauses on the given clock; every other outcome is
/// the answer at once. The pauses run on a fake clock that moves only once the next pause has begun.
/// </summary>
public sealed class GrainCallsTests
{
    private static readonly TimeSpan _longestPause = TimeSpan.FromSeconds(2);

    private readonly TimerRecordingClock _time = new();

    public static TheoryData<string> ClusterFailures => ["silo unavailable", "message rejected", "timeout"];

    [Fact]
    public async Task ACallThatSucceeds_IsMadeOnce()
    {
        var made = 0;

        var answer = await new GrainCalls(_time).RunAsync(() => Task.FromResult(++made));

        Assert.Equal(1, answer);
        Assert.Equal(0, _time.Timers); // no pipeline: no timeout, no pause
    }

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public async Task ACallTheClusterCouldNotTake_IsMadeAgain(string failure)
    {
        var made = 0;

        var answer = await new GrainCalls(_time).RunAsync(() => ++made == 1 ? Task.FromException<int>(ClusterFailure(failure)) : Task.FromResult(made));

        Assert.Equal(2, answer);
    }

    [Fact]
    public async Task ACallThatFailsOtherwise_IsNotMadeAgain()
    {
        var made = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new GrainCalls(_time).RunAsync(() => { made++; return Task.FromException<int>(new InvalidOperationException("a bug")); }));

        Assert.Equal(1, made);
    }

    [Fact]
    public async Task ACallTheClusterKeepsRefusing_IsMadeAttemptsTimes_AndItsLastFailureIsTheAnswer()
    {
        var made = 0;
        var run = new GrainCalls(_time).RunAsync(() => Task.FromException<int>(new SiloUnavailableException($"attempt {++made}")));

        // Each timer the pipeline starts (its timeout's, then one a pause) lets the clock move past the longest pause.
        var timers = 0;
        while (!run.IsCompleted)
        {
            await Eventually.UntilAsync(() => Task.FromResult(_time.Timers > timers || run.IsCompleted), TimeSpan.FromSeconds(30), "the next pause");
            timers = _time.Timers;
            _time.Advance(_longestPause);
        }

        var failure = await Assert.ThrowsAsync<SiloUnavailableException>(() => run);
        Assert.Equal(GrainCalls.Attempts, made);
        Assert.Contains($"attempt {GrainCalls.Attempts}", failure.Message);
    }

    private static Exception ClusterFailure(string failure) => failure switch
    {
        "silo unavailable" => new SiloUnavailableException("The target silo became unavailable"),
        // Only Orleans makes these (its constructors are internal).
        "message rejected" => (Exception)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException)),
        "timeout" => new TimeoutException("Response did not arrive on time"),
        _ => throw new ArgumentOutOfRangeException(nameof(failure)),
    };
}
