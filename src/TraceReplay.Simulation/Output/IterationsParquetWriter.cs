using Parquet;
using Parquet.Schema;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Simulation.Output;

/// <summary><c>iterations.parquet</c>: one row per iteration of each instance, in start order. Bytes, FLOPs and
/// energy are instance totals (all its GPUs). Under expert parallelism a last column, <c>ep_imbalance</c>, holds the
/// step's max-rank / mean-rank expert assignments (mean over MoE layers).</summary>
internal sealed class IterationsParquetWriter : RowGroupedParquetWriter
{
    private static readonly ParquetSchema s_schema = new(Fields());

    private static readonly ParquetSchema s_expertParallelSchema = new([.. Fields(), new DataField<double>("ep_imbalance")]);

    private static Field[] Fields() => [
        new DataField<long>("iteration"), new DataField<int>("instance"), new DataField<long>("start_ns"), new DataField<long>("duration_ns"),
        new DataField<double>("start_s"), new DataField<double>("duration_s"), new DataField<int>("prefill_tokens"), new DataField<int>("decode_tokens"),
        new DataField<int>("prefill_pieces"), new DataField<int>("sampled_tokens"), new DataField<int>("kv_blocks_used"),
        new DataField<double>("hbm_weight_bytes"), new DataField<double>("hbm_expert_weight_bytes"), new DataField<double>("hbm_kv_read_bytes"),
        new DataField<double>("hbm_kv_write_bytes"), new DataField<double>("hbm_activation_bytes"), new DataField<double>("hbm_total_bytes"),
        new DataField<double>("flops"), new DataField<double>("energy_j"), new DataField<int>("layer_group"), new DataField<int>("layer_groups")];

    private readonly long[] _iteration = new long[RowGroupRows], _startNs = new long[RowGroupRows], _durationNs = new long[RowGroupRows];
    private readonly int[] _instance = new int[RowGroupRows], _prefill = new int[RowGroupRows], _decode = new int[RowGroupRows],
        _pieces = new int[RowGroupRows], _sampled = new int[RowGroupRows], _blocks = new int[RowGroupRows], _group = new int[RowGroupRows],
        _groups = new int[RowGroupRows];
    private readonly double[] _startS = new double[RowGroupRows], _durationS = new double[RowGroupRows], _weight = new double[RowGroupRows],
        _expert = new double[RowGroupRows], _kvRead = new double[RowGroupRows], _kvWrite = new double[RowGroupRows], _act = new double[RowGroupRows],
        _total = new double[RowGroupRows], _flops = new double[RowGroupRows], _energy = new double[RowGroupRows];
    private readonly double[]? _epImbalance;

    public IterationsParquetWriter(string path, IReadOnlyDictionary<string, string> metadata, bool expertParallel = false)
        : base(path, expertParallel ? s_expertParallelSchema : s_schema, metadata) =>
        _epImbalance = expertParallel ? new double[RowGroupRows] : null;

    /// <summary>Copies the row into column buffers (reused for every row group: no allocation per iteration).</summary>
    public void Add(in IterationRecord it)
    {
        int i = NextRow();
        _iteration[i] = it.Iteration;
        _instance[i] = it.Instance;
        _startNs[i] = it.StartNs;
        _durationNs[i] = it.DurationNs;
        _startS[i] = it.StartNs * 1e-9;
        _durationS[i] = it.DurationNs * 1e-9;
        _prefill[i] = it.PrefillTokens;
        _decode[i] = it.DecodeTokens;
        _pieces[i] = it.PrefillPieces;
        _sampled[i] = it.SampledTokens;
        _blocks[i] = it.KvBlocksUsed;
        _weight[i] = it.HbmBytes.WeightBytes;
        _expert[i] = it.HbmBytes.ExpertWeightBytes;
        _kvRead[i] = it.HbmBytes.KvReadBytes;
        _kvWrite[i] = it.HbmBytes.KvWriteBytes;
        _act[i] = it.HbmBytes.ActivationBytes;
        _total[i] = it.HbmBytes.TotalBytes;
        _flops[i] = it.Flops;
        _energy[i] = it.EnergyJ;
        _group[i] = it.LayerGroup;
        _groups[i] = it.LayerGroups;
        if (_epImbalance is not null)
        {
            _epImbalance[i] = it.EpImbalance;
        }
    }

    protected override void WriteGroup(ParquetRowGroupWriter g, DataField[] f, int n)
    {
        Write(g, f[0], _iteration, n);
        Write(g, f[1], _instance, n);
        Write(g, f[2], _startNs, n);
        Write(g, f[3], _durationNs, n);
        Write(g, f[4], _startS, n);
        Write(g, f[5], _durationS, n);
        Write(g, f[6], _prefill, n);
        Write(g, f[7], _decode, n);
        Write(g, f[8], _pieces, n);
        Write(g, f[9], _sampled, n);
        Write(g, f[10], _blocks, n);
        Write(g, f[11], _weight, n);
        Write(g, f[12], _expert, n);
        Write(g, f[13], _kvRead, n);
        Write(g, f[14], _kvWrite, n);
        Write(g, f[15], _act, n);
        Write(g, f[16], _total, n);
        Write(g, f[17], _flops, n);
        Write(g, f[18], _energy, n);
        Write(g, f[19], _group, n);
        Write(g, f[20], _groups, n);
        if (_epImbalance is not null)
        {
            Write(g, f[21], _epImbalance, n);
        }
    }

    private static void Write<T>(ParquetRowGroupWriter g, DataField field, T[] column, int n) where T : struct =>
        g.WriteAsync<T>(field, column.AsMemory(0, n)).GetAwaiter().GetResult();
}
