using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// An instance's waiting queue, FCFS from the front; preempted requests go back to the front. Fresh arrivals are
/// kept as 24-byte records and get a <see cref="RequestTable"/> slot only when they reach the head, so an overloaded
/// replay, whose queue grows with the trace, holds a record per queued request rather than a slot and its token-gap
/// buffer (about 1.5 KB per queued request before; measured).
/// </summary>
public sealed class WaitingQueue(RequestTable requests, int instance)
{
    private readonly IntDeque _slots = new(); // the head: preempted requests, and a fresh one once peeked at
    private readonly RecordQueue _fresh = new();

    public int Count => _slots.Count + _fresh.Count;

    /// <summary>Queues a fresh arrival at the back.</summary>
    public void PushBack(in RequestRecord r) => _fresh.PushBack(r);

    /// <summary>Queues a request that already has a slot at the back (tests and hand-driven instances).</summary>
    public void PushBack(int slot)
    {
        while (_fresh.Count > 0)
        {
            _slots.PushBack(requests.Allocate(_fresh.PopFront(), instance));
        }
        _slots.PushBack(slot);
    }

    /// <summary>Puts a preempted request at the front.</summary>
    public void PushFront(int slot) => _slots.PushFront(slot);

    /// <summary>The head's slot (allocated now if the head is a fresh arrival).</summary>
    public int PeekFront()
    {
        if (_slots.Count == 0)
        {
            _slots.PushBack(requests.Allocate(_fresh.PopFront(), instance));
        }
        return _slots.PeekFront();
    }

    public int PopFront()
    {
        PeekFront();
        return _slots.PopFront();
    }
}
