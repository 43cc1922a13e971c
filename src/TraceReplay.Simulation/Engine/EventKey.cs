namespace TraceReplay.Simulation.Engine;

/// <summary>
/// The one definition of event order: integer nanoseconds, then a sequence number the simulation hands out in
/// scheduling order. No two events compare equal, so the queue's order never depends on heap internals.
/// </summary>
public readonly record struct EventKey(long TimeNs, long Seq) : IComparable<EventKey>
{
    public int CompareTo(EventKey other)
    {
        int c = TimeNs.CompareTo(other.TimeNs);
        return c != 0 ? c : Seq.CompareTo(other.Seq);
    }

    public static bool operator <(EventKey a, EventKey b) => a.CompareTo(b) < 0;
    public static bool operator >(EventKey a, EventKey b) => a.CompareTo(b) > 0;
    public static bool operator <=(EventKey a, EventKey b) => a.CompareTo(b) <= 0;
    public static bool operator >=(EventKey a, EventKey b) => a.CompareTo(b) >= 0;
}
