using Parquet.Schema;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Output;

/// <summary><c>iterations.parquet</c>: one row per iteration of each instance, in start order. Bytes, FLOPs and
/// energy are instance totals (all TP GPUs).</summary>
internal sealed class IterationsParquetWriter : IDisposable
{
    public const int RowGroupRows = 1 << 16;

    private static readonly ParquetSchema s_schema = new(
        new DataField<long>("iteration"), new DataField<int>("instance"), new DataField<long>("start_ns"), new DataField<long>("duration_ns"),
        new DataField<double>("start_s"), new DataField<double>("duration_s"), new DataField<int>("prefill_tokens"), new DataField<int>("decode_tokens"),
        new DataField<int>("prefill_pieces"), new DataField<int>("sampled_tokens"), new DataField<int>("kv_blocks_used"),
        new DataField<double>("hbm_weight_bytes"), new DataField<double>("hbm_expert_weight_bytes"), new DataField<double>("hbm_kv_read_bytes"),
        new DataField<double>("hbm_kv_write_bytes"), new DataField<double>("hbm_activation_bytes"), new DataField<double>("hbm_total_bytes"),
        new DataField<double>("flops"), new DataField<double>("energy_j"), new DataField<int>("layer_group"), new DataField<int>("layer_groups"));

    private readonly StreamingParquetFile _file;
    private readonly IterationRecord[] _rows = new IterationRecord[RowGroupRows];
    private int _count;

    public IterationsParquetWriter(string path, IReadOnlyDictionary<string, string> metadata) => _file = new StreamingParquetFile(path, s_schema, metadata);

    public long Rows { get; private set; }

    public void Add(in IterationRecord it)
    {
        _rows[_count++] = it;
        if (_count == RowGroupRows)
        {
            Flush();
        }
    }

    public void Complete()
    {
        Flush();
        _file.Complete();
    }

    public void Dispose() => _file.Dispose();

    private void Flush()
    {
        if (_count == 0 && Rows > 0)
        {
            return;
        }
        IterationRecord[] r = _rows;
        int n = _count;
        DataField[] f = s_schema.DataFields;
        using var g = _file.NewRowGroup();
        Columns.Write(g, f[0], n, i => r[i].Iteration);
        Columns.Write(g, f[1], n, i => r[i].Instance);
        Columns.Write(g, f[2], n, i => r[i].StartNs);
        Columns.Write(g, f[3], n, i => r[i].DurationNs);
        Columns.Write(g, f[4], n, i => r[i].StartNs * 1e-9);
        Columns.Write(g, f[5], n, i => r[i].DurationNs * 1e-9);
        Columns.Write(g, f[6], n, i => r[i].PrefillTokens);
        Columns.Write(g, f[7], n, i => r[i].DecodeTokens);
        Columns.Write(g, f[8], n, i => r[i].PrefillPieces);
        Columns.Write(g, f[9], n, i => r[i].SampledTokens);
        Columns.Write(g, f[10], n, i => r[i].KvBlocksUsed);
        Columns.Write(g, f[11], n, i => r[i].HbmBytes.WeightBytes);
        Columns.Write(g, f[12], n, i => r[i].HbmBytes.ExpertWeightBytes);
        Columns.Write(g, f[13], n, i => r[i].HbmBytes.KvReadBytes);
        Columns.Write(g, f[14], n, i => r[i].HbmBytes.KvWriteBytes);
        Columns.Write(g, f[15], n, i => r[i].HbmBytes.ActivationBytes);
        Columns.Write(g, f[16], n, i => r[i].HbmBytes.TotalBytes);
        Columns.Write(g, f[17], n, i => r[i].Flops);
        Columns.Write(g, f[18], n, i => r[i].EnergyJ);
        Columns.Write(g, f[19], n, i => r[i].LayerGroup);
        Columns.Write(g, f[20], n, i => r[i].LayerGroups);
        Rows += n;
        _count = 0;
    }
}
