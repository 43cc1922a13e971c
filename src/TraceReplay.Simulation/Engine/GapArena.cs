namespace TraceReplay.Simulation.Engine;

/// <summary>
/// One rank's token gaps in one buffer: a segment of Output - 1 gaps per request (its most), reserved when the request
/// starts decoding on the rank and freed when it finishes. Segments are bump-allocated; when the end is reached the
/// live ones are compacted to the front (in place, or into a buffer twice the live size), so the buffer stays within
/// about twice the gaps of the requests in flight and a steady-state replay allocates nothing.
/// </summary>
public sealed class GapArena(RequestTable table)
{
    private long[] _buffer = new long[4096];
    private int _end;
    private int _live;
    // Segments in address order: owner slot, start, length (0 once freed).
    private int[] _owner = new int[64];
    private int[] _start = new int[64];
    private int[] _length = new int[64];
    private int _segments;

    /// <summary>Gaps reserved by unfinished requests (for tests and memory accounting).</summary>
    public int LiveGaps => _live;

    /// <summary>Reserves <paramref name="slot"/>'s segment; returns its start, which a compaction may later move
    /// (<paramref name="moved"/> is told of every move: slot, new start).</summary>
    public int Reserve(int slot, int length, Action<int, int> moved)
    {
        if (_end + length > _buffer.Length)
        {
            Compact(length, moved);
        }
        if (_segments == _owner.Length)
        {
            SoaGrowth.Resize(_segments * 2, ref _owner, ref _start, ref _length);
        }
        (_owner[_segments], _start[_segments], _length[_segments]) = (slot, _end, length);
        _segments++;
        int start = _end;
        _end += length;
        _live += length;
        return start;
    }

    public Span<long> Segment(int start, int count) => _buffer.AsSpan(start, count);

    /// <summary>Stores gap number <paramref name="index"/> of the segment at <paramref name="start"/>.</summary>
    public void Write(int start, int index, long gapNs) => _buffer[start + index] = gapNs;

    /// <summary>The gap buffer itself, for the batch's emission pass (indexes from <see cref="Reserve"/>).</summary>
    internal long[] Buffer => _buffer;

    public void Free(int start)
    {
        int i = Array.BinarySearch(_start, 0, _segments, start);
        if (i < 0 || _length[i] == 0)
        {
            throw new InvalidOperationException($"no live gap segment starts at {start}");
        }
        _live -= _length[i];
        _length[i] = 0;
    }

    private void Compact(int length, Action<int, int> moved)
    {
        long[] target = (_live + length) * 2 <= _buffer.Length ? _buffer : new long[Math.Max(4096, (_live + length) * 2)];
        int end = 0, kept = 0;
        for (int i = 0; i < _segments; i++)
        {
            int n = _length[i];
            if (n == 0)
            {
                continue;
            }
            Array.Copy(_buffer, _start[i], target, end, n); // moves down only: overlap-safe in place
            if (_start[i] != end)
            {
                table.GapStart[_owner[i]] = end;
                moved(_owner[i], end);
            }
            (_owner[kept], _start[kept], _length[kept]) = (_owner[i], end, n);
            kept++;
            end += n;
        }
        _buffer = target;
        _segments = kept;
        _end = end;
    }
}
