using TraceReplay.Core.IO;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Profiles;

/// <summary>Reads the operators out of a Vidur-format profile CSV (measured columns optional).</summary>
public static class VidurCsv
{
    public static string MedianColumn(string op) => $"time_stats.{op}.median";

    public static VidurFileKind? Detect(CsvTable table) =>
        table.Has("num_tokens") && table.Has("n_embd") ? VidurFileKind.Mlp
        : table.Has("is_prefill") && table.Has("kv_cache_size") ? VidurFileKind.Attention
        : table.Has("collective") && table.Has("size") && table.Has("num_workers") ? VidurFileKind.AllReduce
        : null;

    public static VidurFileKind DetectOrThrow(CsvTable table) => Detect(table) ?? throw new InvalidDataException(
        $"{table.Path}: line 1: not a Vidur profile; expected the shape columns of mlp.csv (n_embd, num_tokens, ...), " +
        "attention.csv (is_prefill, kv_cache_size, ...) or all_reduce.csv (collective, size, num_workers)");

    /// <summary>
    /// Every modelled operator of every row. MLP rows give one per operator with a median column (or all ten when
    /// <paramref name="requireMeasuredColumn"/> is false); attention rows give prefill or decode; network rows give
    /// all-reduce (other collectives, e.g. send_recv, are not modelled and yield nothing).
    /// </summary>
    public static IEnumerable<VidurRow> Operators(CsvTable t, bool requireMeasuredColumn = true) => DetectOrThrow(t) switch
    {
        VidurFileKind.Mlp => MlpRows(t, requireMeasuredColumn),
        VidurFileKind.Attention => AttentionRows(t),
        _ => AllReduceRows(t),
    };

    private static IEnumerable<VidurRow> MlpRows(CsvTable t, bool requireMeasured)
    {
        int cHead = t.Column("n_head"), cKv = t.Column("n_kv_head"), cEmbd = t.Column("n_embd"), cFfn = t.Column("n_expanded_embd");
        int cVocab = t.Column("vocab_size"), cGated = t.Column("use_gated_mlp"), cTokens = t.Column("num_tokens"), cTp = t.Column("num_tensor_parallel_workers");
        string[] ops = [.. VidurOps.MlpOps.Where(o => !requireMeasured || t.Has(MedianColumn(o)))];
        var specs = new Dictionary<(int, int, int, int, int), ModelSpec>();
        for (int r = 0; r < t.Rows.Count; r++)
        {
            var key = (t.Int(r, cEmbd), t.Int(r, cHead), t.Int(r, cKv), t.Int(r, cFfn), t.Int(r, cVocab));
            if (!specs.TryGetValue(key, out ModelSpec? spec))
            {
                spec = VidurShape.Spec(key.Item1, key.Item2, key.Item3, key.Item4, key.Item5);
                specs[key] = spec;
            }
            int tp = t.Int(r, cTp), tokens = t.Int(r, cTokens);
            CheckPositive(t, r, cTokens, tokens);
            CheckTp(t, r, cTp, tp, spec.NumQHeads);
            Dictionary<string, Operator> built = VidurShape.MlpOperators(spec, tp, tokens, t.Bool(r, cGated));
            foreach (string op in ops)
            {
                yield return new VidurRow(r, op, built[op]);
            }
        }
    }

    private static IEnumerable<VidurRow> AttentionRows(CsvTable t)
    {
        int cEmbd = t.Column("n_embd"), cQ = t.Column("n_q_head"), cKv = t.Column("n_kv_head"), cTp = t.Column("num_tensor_parallel_workers");
        int cBatch = t.Column("batch_size"), cChunk = t.Column("prefill_chunk_size"), cCache = t.Column("kv_cache_size"), cPrefill = t.Column("is_prefill");
        for (int r = 0; r < t.Rows.Count; r++)
        {
            ModelSpec spec = VidurShape.Spec(t.Int(r, cEmbd), t.Int(r, cQ), t.Int(r, cKv), 1, 1);
            int tp = t.Int(r, cTp), batch = t.Int(r, cBatch);
            CheckTp(t, r, cTp, tp, spec.NumQHeads);
            CheckPositive(t, r, cBatch, batch);
            bool prefill = t.Bool(r, cPrefill);
            int chunk = t.Int(r, cChunk);
            if (prefill)
            {
                CheckPositive(t, r, cChunk, chunk);
            }
            Operator op = VidurShape.Attention(spec, tp, prefill, batch, chunk, t.Int(r, cCache));
            yield return new VidurRow(r, prefill ? VidurOps.AttnPrefill : VidurOps.AttnDecode, op);
        }
    }

    private static IEnumerable<VidurRow> AllReduceRows(CsvTable t)
    {
        int cCollective = t.Column("collective"), cSize = t.Column("size"), cWorkers = t.Column("num_workers");
        for (int r = 0; r < t.Rows.Count; r++)
        {
            if (t.Text(r, cCollective).Trim() != "all_reduce")
            {
                continue;
            }
            int workers = t.Int(r, cWorkers);
            if (workers < 2)
            {
                throw new InvalidDataException($"{t.Path}: line {t.Lines[r]}, field 'num_workers': {workers}; an all-reduce needs at least 2 GPUs");
            }
            double size = t.OptionalDouble(r, cSize) ?? throw new InvalidDataException($"{t.Path}: line {t.Lines[r]}, field 'size': empty; expected bytes");
            yield return new VidurRow(r, VidurOps.AllReduce, VidurShape.AllReduce(size, workers));
        }
    }

    private static void CheckPositive(CsvTable t, int r, int c, int v)
    {
        if (v <= 0)
        {
            throw new InvalidDataException($"{t.Path}: line {t.Lines[r]}, field '{t.Header[c]}': {v}; expected a positive integer");
        }
    }

    private static void CheckTp(CsvTable t, int r, int c, int tp, int heads)
    {
        if (tp < 1 || heads % tp != 0)
        {
            throw new InvalidDataException($"{t.Path}: line {t.Lines[r]}, field '{t.Header[c]}': {tp}; expected a TP degree dividing {heads} heads");
        }
    }
}
