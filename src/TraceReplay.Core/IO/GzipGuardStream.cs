using System.IO.Compression;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Core.IO;

/// <summary>
/// Wraps a <see cref="GZipStream"/>, which ends quietly on a truncated file, and turns truncation into an error by
/// comparing the decompressed length with the gzip trailer (ISIZE) at end of stream; a multi-member file (several
/// members concatenated) is read whole and accepted when its last member matches the trailer (<see cref="GzipTail"/>).
/// </summary>
internal sealed class GzipGuardStream(GZipStream inner, string path, uint expectedSize, uint expectedCrc) : Stream
{
    private readonly GzipTail _tail = new(expectedSize);
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException ex)
        {
            throw Truncated($"corrupt gzip data ({ex.Message})");
        }
        _read += n;
        _tail.Append(buffer[..n]);
        if (n == 0 && buffer.Length > 0 && (uint)_read != expectedSize && _tail.Crc32(_read) != expectedCrc)
        {
            // Not one member of the trailer's size, nor several members ending in one whose data matches the trailer.
            throw Truncated(_tail.CanVerify || (uint)_read == expectedSize
                ? $"truncated gzip: decompressed {_read:N0} bytes, which do not end with a member matching the trailer (size {expectedSize:N0}, CRC-32)"
                : $"truncated gzip, or several gzip members whose last one is over {GzipTail.MaxBytes >> 20} MiB and cannot be verified; decompressed {_read:N0} bytes, trailer size {expectedSize:N0}");
        }
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private InputException Truncated(string reason) => InputException.Corrupt(path, reason + "; re-download or re-compress the file");
}
