using System.Buffers.Binary;
using Parquet;
using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Parquet;

/// <summary>
/// The one guarded way to open a Parquet input: the container is checked (magic at both ends, a footer length that
/// fits in the file) before Parquet.Net sees it, its footer is parsed under a time bound, and any exception it throws
/// becomes an <see cref="InputException"/> naming the file. A garbage footer is an input error, not a crash or a hang.
/// </summary>
public static class ParquetInput
{
    /// <summary>Footers larger than this are refused (ours are a few KiB; a damaged length field reads as GBs).</summary>
    public const int MaxFooterBytes = 64 << 20;

    public static readonly TimeSpan FooterTimeout = TimeSpan.FromSeconds(30);

    public static async Task<ParquetReader> OpenAsync(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(path, 0, "", "", "file not found");
        }
        CheckContainer(path);
        try
        {
            return await Task.Run(async () =>
            {
                ParquetReader reader = await ParquetReader.CreateAsync(path).ConfigureAwait(false);
                try
                {
                    // The schema and metadata decode lazily: decode them here, inside the guard and the time bound.
                    _ = reader.Schema;
                    _ = reader.CustomMetadata;
                    return reader;
                }
                catch
                {
                    await reader.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }).WaitAsync(FooterTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw InputException.Corrupt(path, $"Parquet footer not parsed within {FooterTimeout.TotalSeconds:F0} s; the file is damaged", ex);
        }
        catch (Exception ex) when (ex is not InputException and not OutOfMemoryException)
        {
            throw InputException.Corrupt(path, "not a readable Parquet file (damaged footer or metadata)", ex);
        }
    }

    /// <summary>
    /// Runs a read of <paramref name="path"/>'s row groups so that damaged pages, impossible row counts or a schema that
    /// does not match become an <see cref="InputException"/> naming the file, like a damaged footer. An out-of-memory
    /// error here comes from a damaged length ("array dimensions exceeded"), so it is reported the same way.
    /// </summary>
    public static async Task<T> Guard<T>(string path, Func<Task<T>> read)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not InputException && !ex.Message.Contains(path, StringComparison.Ordinal))
        {
            throw InputException.Corrupt(path, "damaged Parquet data (a page, row count or column does not decode)", ex);
        }
    }

    /// <summary>Row count of a row group as an array length; more than <see cref="MaxRowsPerGroup"/> is damage, not data.</summary>
    public static int GroupRows(long rowCount, string path) => rowCount is >= 0 and <= MaxRowsPerGroup ? (int)rowCount
        : throw new InputException(path, 0, "row group", $"a row count in [0, {MaxRowsPerGroup}]", rowCount.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Largest row group read into arrays (our writers use far smaller groups).</summary>
    public const int MaxRowsPerGroup = 1 << 26;

    /// <summary>Magic bytes at both ends and a footer length in [1, min(file - 12, <see cref="MaxFooterBytes"/>)].</summary>
    public static void CheckContainer(string path)
    {
        using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long length = f.Length;
        Span<byte> head = stackalloc byte[4];
        Span<byte> tail = stackalloc byte[8];
        if (length < 12 || f.Read(head) != 4 || !head.SequenceEqual("PAR1"u8))
        {
            throw new InputException(path, 0, "", "a Parquet file (starting with PAR1, at least 12 bytes)", $"{length} bytes that do not start with PAR1");
        }
        f.Position = length - 8;
        f.ReadExactly(tail);
        if (!tail[4..].SequenceEqual("PAR1"u8))
        {
            throw new InputException(path, 0, "", "a Parquet file ending with PAR1", "other trailing bytes (truncated or damaged)");
        }
        long footer = BinaryPrimitives.ReadInt32LittleEndian(tail);
        if (footer <= 0 || footer > length - 12 || footer > MaxFooterBytes)
        {
            throw new InputException(path, 0, "footer length", $"a length in [1, {Math.Min(length - 12, MaxFooterBytes)}] bytes", footer.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
