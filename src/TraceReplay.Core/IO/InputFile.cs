using System.IO.Compression;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Core.IO;

/// <summary>Opens an input for streaming: gzip is recognised by its magic bytes (not the extension) and checked.</summary>
public static class InputFile
{
    public static Stream Open(string path)
    {
        if (!File.Exists(path))
        {
            throw InputException.Corrupt(path, "file not found");
        }
        var raw = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (raw.Length == 0)
        {
            raw.Dispose();
            throw InputException.Corrupt(path, "empty file (0 bytes); expected a header and at least one row");
        }
        if (!IsGzip(raw))
        {
            return raw;
        }
        (uint crc, uint size) = ReadGzipTrailer(raw);
        return new GzipGuardStream(new GZipStream(raw, CompressionMode.Decompress), path, size, crc);
    }

    /// <summary>The first <paramref name="count"/> decompressed bytes, for format detection.</summary>
    public static byte[] Peek(string path, int count = 1 << 16)
    {
        using Stream s = Open(path);
        byte[] buffer = new byte[count];
        int total = 0;
        try
        {
            int n;
            while (total < count && (n = s.Read(buffer, total, count - total)) > 0)
            {
                total += n;
            }
        }
        catch (InputException) when (total > 0)
        {
            // A truncated gzip still shows its head; the full read reports the truncation.
        }
        return buffer[..total];
    }

    private static bool IsGzip(FileStream s)
    {
        Span<byte> magic = stackalloc byte[2];
        int n = s.Read(magic);
        s.Position = 0;
        return n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    private static (uint Crc, uint Size) ReadGzipTrailer(FileStream s)
    {
        // Trailer of the last member: CRC-32 and ISIZE (uncompressed length mod 2^32, RFC 1952); a truncated file ends
        // elsewhere and mismatches.
        Span<byte> tail = stackalloc byte[8];
        if (s.Length < 18)
        {
            throw InputException.Corrupt(s.Name, $"truncated gzip: {s.Length} bytes, shorter than a gzip header and trailer (18 bytes)");
        }
        s.Position = s.Length - 8;
        s.ReadExactly(tail);
        s.Position = 0;
        return (BitConverter.ToUInt32(tail), BitConverter.ToUInt32(tail[4..]));
    }
}
