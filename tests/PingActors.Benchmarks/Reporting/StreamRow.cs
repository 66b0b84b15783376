namespace PingActors.Benchmarks.Reporting;

/// <summary>The stream measure: delivery to connected clients under a steady ping load, and what the streams cost.</summary>
/// <param name="Delivered">Items of the pings admitted while the streams were open that reached their owner's stream.</param>
/// <param name="Expected">Pings admitted while the streams were open whose owner had a stream.</param>
/// <param name="FromSendP50">Milliseconds from the start of the send to the item's arrival: an upper bound of commit to client.</param>
/// <param name="FromAnswerP50">Milliseconds from the send's answer (after its commit) to the item's arrival; negative when the item came first.</param>
/// <param name="HeapPerStream">Managed heap per open stream, client and server side together (one process).</param>
/// <param name="WorkingSetPerStream">Working set per open stream, client and server side together.</param>
internal sealed record StreamRow(
    int Streams,
    double Rate,
    long Delivered,
    long Expected,
    double FromSendP50,
    double FromSendP99,
    double FromAnswerP50,
    double FromAnswerP99,
    double HeapPerStream,
    double WorkingSetPerStream,
    int Ended,
    SteadyLoadRow Without,
    SteadyLoadRow With);
