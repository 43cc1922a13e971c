namespace TraceReplay.Simulation.Engine;

/// <summary>Growable ring buffer of slot indexes: the waiting queue (FCFS at the back, preempted at the front).</summary>
public sealed class IntDeque
{
    private int[] _items = new int[64];
    private int _head;

    public int Count { get; private set; }

    public int this[int index] => _items[(_head + index) % _items.Length];

    public int PeekFront() => Count > 0 ? _items[_head] : throw new InvalidOperationException("empty queue");

    public void PushBack(int value)
    {
        Grow();
        _items[(_head + Count) % _items.Length] = value;
        Count++;
    }

    public void PushFront(int value)
    {
        Grow();
        _head = (_head - 1 + _items.Length) % _items.Length;
        _items[_head] = value;
        Count++;
    }

    public int PopFront()
    {
        int v = PeekFront();
        _head = (_head + 1) % _items.Length;
        Count--;
        return v;
    }

    private void Grow()
    {
        if (Count < _items.Length)
        {
            return;
        }
        var bigger = new int[_items.Length * 2];
        for (int i = 0; i < Count; i++)
        {
            bigger[i] = this[i];
        }
        _items = bigger;
        _head = 0;
    }
}
