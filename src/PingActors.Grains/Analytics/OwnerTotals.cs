namespace PingActors.Analytics;

/// <summary>One listing owner's figures over their whole history as a receiver (a row of <c>owner_insights</c>).</summary>
internal sealed class OwnerTotals
{
    public int Received { get; set; }

    public int Responded { get; set; }

    public int Declined { get; set; }

    public int Withdrawn { get; set; }

    public int Expired { get; set; }

    /// <summary>The sum of the responses' log times (their bins' <see cref="ResponseTimeGrid.CentreLogs"/>).</summary>
    public long LogTimeSum { get; set; }

    /// <summary>The sum of the squares of the responses' log times.</summary>
    public long LogTimeSquares { get; set; }
}
