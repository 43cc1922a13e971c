using TraceReplay.Core.Requests;

namespace TraceReplay.Simulation.Engine;

/// <summary>Growable FIFO ring buffer of request records (24 bytes each): arrivals not yet at a queue's head.</summary>
internal sealed class RecordQueue
{
    private RequestRecord[] _items = new RequestRecord[64];
    private int _head;

    public int Count { get; private set; }

    public void PushBack(in RequestRecord r)
    {
        if (Count == _items.Length)
        {
            var bigger = new RequestRecord[_items.Length * 2];
            for (int i = 0; i < Count; i++)
            {
                bigger[i] = _items[(_head + i) % _items.Length];
            }
            _items = bigger;
            _head = 0;
        }
        _items[(_head + Count) % _items.Length] = r;
        Count++;
    }

    public RequestRecord PopFront()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("empty queue");
        }
        RequestRecord r = _items[_head];
        _head = (_head + 1) % _items.Length;
        Count--;
        return r;
    }
}
