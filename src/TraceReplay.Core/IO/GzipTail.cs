namespace TraceReplay.Core.IO;

/// <summary>
/// The last <c>ISIZE</c> decompressed bytes of a gzip stream, kept to verify a multi-member file (<c>cat a.gz b.gz</c>):
/// its trailer describes only the last member, whose data is exactly those bytes, so their CRC-32 must equal the
/// trailer's. A truncated file fails this (its "trailer" is deflate data). Members up to <see cref="MaxBytes"/> are
/// checked; a larger last member of a multi-member file cannot be verified and is refused with a clear message.
/// </summary>
internal sealed class GzipTail(uint lastMemberSize)
{
    public const int MaxBytes = 64 << 20;

    private static readonly uint[] s_table = BuildTable();
    private readonly byte[]? _ring = lastMemberSize is > 0 and <= MaxBytes ? new byte[lastMemberSize] : null;
    private long _written;

    public bool CanVerify => _ring is not null;

    public void Append(ReadOnlySpan<byte> data)
    {
        if (_ring is null)
        {
            return;
        }
        if (data.Length >= _ring.Length)
        {
            data = data[^_ring.Length..];
        }
        int at = (int)(_written % _ring.Length);
        int first = Math.Min(data.Length, _ring.Length - at);
        data[..first].CopyTo(_ring.AsSpan(at));
        data[first..].CopyTo(_ring);
        _written += data.Length;
    }

    /// <summary>CRC-32 (IEEE, as gzip) of the last <c>ISIZE</c> bytes; null when fewer were written or not kept.</summary>
    public uint? Crc32(long totalWritten)
    {
        if (_ring is null || totalWritten < _ring.Length)
        {
            return null;
        }
        int start = (int)(_written % _ring.Length);
        uint crc = 0xFFFFFFFFu;
        crc = Update(crc, _ring.AsSpan(start));
        crc = Update(crc, _ring.AsSpan(0, start));
        return ~crc;
    }

    private static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[i] = c;
        }
        return table;
    }
}
