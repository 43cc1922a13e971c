using TraceReplay.Core.IO;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Predict;

/// <summary>
/// TraceReplay's op-shape CSV: one Core <see cref="Operator"/> per row (docs/calibration.md). Required columns:
/// <c>op_kind</c> (snake_case OpKind, e.g. <c>mlp_up_gate</c>), <c>flops</c>, <c>hbm_bytes</c>; optional shape columns
/// <c>tokens, in_features, out_features, sequences, context_tokens, attended_pairs, comm_bytes, tp_degree</c> (0, or 1 for TP) and
/// <c>weight_bytes</c> (the part of <c>hbm_bytes</c> that is weights, read once per kernel rather than per row) and
/// <c>kv_read_bytes</c> (the part that is KV-cache reads: decode attention splits them into split-KV work items).
/// </summary>
public static class OpShapeCsv
{
    public static readonly string[] Required = ["op_kind", "flops", "hbm_bytes"];
    public static readonly string[] Optional = ["tokens", "in_features", "out_features", "sequences", "context_tokens", "attended_pairs", "comm_bytes", "tp_degree", "weight_bytes", "kv_read_bytes"];

    private static readonly Dictionary<string, OpKind> s_kinds = Enum.GetValues<OpKind>().ToDictionary(k => k.ToSnakeName(), StringComparer.Ordinal);

    public static bool Matches(CsvTable t) => t.Has("op_kind");

    public static Operator Read(CsvTable t, int row)
    {
        string kindText = t.Text(row, t.Column("op_kind")).Trim().ToLowerInvariant();
        if (!s_kinds.TryGetValue(kindText, out OpKind kind))
        {
            throw new InvalidDataException($"{t.Path}: line {t.Lines[row]}, field 'op_kind': '{kindText}'; expected one of {string.Join(", ", s_kinds.Keys)}");
        }
        double Num(string col, double fallback) => t.Has(col) ? t.OptionalDouble(row, t.Column(col)) ?? fallback : fallback;
        double Need(string col) => t.OptionalDouble(row, t.Column(col)) is double v && v >= 0
            ? v : throw new InvalidDataException($"{t.Path}: line {t.Lines[row]}, field '{col}': expected a non-negative number");
        double total = Need("hbm_bytes"), weights = Num("weight_bytes", 0);
        if (weights < 0 || weights > total)
        {
            throw new InvalidDataException($"{t.Path}: line {t.Lines[row]}, field 'weight_bytes': {weights}; expected between 0 and hbm_bytes ({total})");
        }
        double kv = Num("kv_read_bytes", 0);
        if (kv < 0 || weights + kv > total)
        {
            throw new InvalidDataException($"{t.Path}: line {t.Lines[row]}, field 'kv_read_bytes': {kv}; expected between 0 and hbm_bytes - weight_bytes ({total - weights})");
        }
        return new Operator
        {
            Kind = kind,
            Layer = 0,
            Flops = Need("flops"),
            Bytes = new HbmTraffic(weights, 0, kv, 0, total - weights - kv),
            Tokens = (long)Num("tokens", 0),
            InFeatures = (long)Num("in_features", 0),
            OutFeatures = (long)Num("out_features", 0),
            Sequences = (int)Num("sequences", 0),
            ContextTokens = (long)Num("context_tokens", 0),
            AttendedPairs = Num("attended_pairs", 0),
            CommBytes = Num("comm_bytes", 0),
            TpDegree = Math.Max(1, (int)Num("tp_degree", 1)),
        };
    }

    /// <summary>The op-shape row of a Core operator (the inverse of <see cref="Read"/>), for users and tests.</summary>
    public static string[] Header => [.. Required, .. Optional];

    public static string[] Row(in Operator op) =>
    [
        op.Kind.ToSnakeName(), R(op.Flops), R(op.Bytes.TotalBytes), R(op.Tokens), R(op.InFeatures), R(op.OutFeatures), R(op.Sequences),
        R(op.ContextTokens), R(op.AttendedPairs), R(op.CommBytes), R(op.TpDegree), R(op.Bytes.WeightBytes + op.Bytes.ExpertWeightBytes),
        R(op.Bytes.KvReadBytes),
    ];

    private static string R(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
