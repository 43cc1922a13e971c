using Parquet;
using Parquet.Schema;
using TraceReplay.Parquet;

namespace TraceReplay.Simulation.Output;

/// <summary>
/// A replay output written row group by row group: a subclass buffers each row in its column arrays at the slot
/// <see cref="NextRow"/> gives and writes a full buffer in <see cref="WriteGroup"/>; <see cref="Complete"/> writes the
/// rest and renames the file into place. A file with no rows still gets one (empty) row group.
/// </summary>
internal abstract class RowGroupedParquetWriter : IDisposable
{
    public const int RowGroupRows = 1 << 16;

    private readonly ParquetOutputFile _file;
    private readonly DataField[] _fields;
    private int _count;

    protected RowGroupedParquetWriter(string path, ParquetSchema schema, IReadOnlyDictionary<string, string> metadata)
    {
        _fields = schema.DataFields;
        _file = ParquetOutputFile.Create(path, schema, metadata);
    }

    /// <summary>Rows written to the file so far (all of them after <see cref="Complete"/>).</summary>
    public long Rows { get; private set; }

    public void Complete()
    {
        Flush();
        _file.Complete();
    }

    public void Dispose() => _file.Dispose();

    /// <summary>The buffer slot for the next row, after writing the buffer out when it is full.</summary>
    protected int NextRow()
    {
        if (_count == RowGroupRows)
        {
            Flush();
        }
        return _count++;
    }

    /// <summary>Writes the first <paramref name="n"/> buffered rows, one column per field of the schema.</summary>
    protected abstract void WriteGroup(ParquetRowGroupWriter group, DataField[] fields, int n);

    private void Flush()
    {
        if (_count == 0 && Rows > 0)
        {
            return;
        }
        using (ParquetRowGroupWriter group = _file.NewRowGroup())
        {
            WriteGroup(group, _fields, _count);
        }
        Rows += _count;
        _count = 0;
    }
}
