using System.Globalization;
using TraceReplay.Core.IO;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// AIConfigurator's measured-points CSV (<c>silicon_sample.csv</c> layout, ai-dynamo/aiconfigurator): one closed-loop
/// benchmark per row. A missing required column is an error naming it; a bad cell makes that row's
/// <see cref="MeasuredPoint.Note"/> (file, line, field, what was expected) and the row is still written and counted.
/// Empty parallelism sizes are 1 and empty quant modes the checkpoint's dtype, as the data's README defines them.
/// </summary>
public static class SiliconCsvReader
{
    public static readonly string[] Required = ["model_path", "system", "isl", "osl", "batch_size", "tp_size", "silicon_ttft_ms", "silicon_tpot_ms"];

    public static MeasuredFile Read(string path)
    {
        CsvTable t = CsvTable.Read(path);
        foreach (string c in Required)
        {
            _ = t.Column(c); // names the missing column
        }
        var points = new MeasuredPoint[t.Rows.Count];
        for (int r = 0; r < points.Length; r++)
        {
            points[r] = Row(t, r);
        }
        return new MeasuredFile(path, t.Header, t.Rows, points);
    }

    private static MeasuredPoint Row(CsvTable t, int r)
    {
        string location = $"{Path.GetFileName(t.Path)}:{t.Lines[r]}";
        var errors = new List<string>();
        string Text(string c) => t.Has(c) ? t.Text(r, t.Column(c)).Trim() : "";
        int Count(string c, int fallback)
        {
            string s = Text(c);
            if (s.Length == 0 && fallback > 0)
            {
                return fallback;
            }
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= 1 && v == Math.Floor(v) && v < int.MaxValue)
            {
                return (int)v;
            }
            errors.Add($"field '{c}': '{s}' is not a positive integer");
            return 0;
        }
        double Ms(string c)
        {
            string s = Text(c);
            if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0)
            {
                return v;
            }
            errors.Add($"field '{c}': '{s}' is not a positive number of ms");
            return double.NaN;
        }
        var p = new MeasuredPoint
        {
            Location = location,
            Model = Text("model_path"),
            Gpu = Text("system"),
            Isl = Count("isl", 0),
            Osl = Count("osl", 0),
            Concurrency = Count("batch_size", 0),
            Tp = Count("tp_size", 1),
            Pp = Count("pp_size", 1),
            AttentionDp = Count("attention_dp_size", 1),
            MoeTp = Count("moe_tp_size", 1),
            MoeEp = Count("moe_ep_size", 1),
            GemmQuant = Text("gemm_quant_mode").ToLowerInvariant(),
            MoeQuant = Text("moe_quant_mode").ToLowerInvariant(),
            TtftMs = Ms("silicon_ttft_ms"),
            TpotMs = Ms("silicon_tpot_ms"),
        };
        if (p.Model.Length == 0)
        {
            errors.Add("field 'model_path': empty; expected a Hugging Face id");
        }
        return errors.Count == 0 ? p : p with { Note = $"unreadable row ({location}): {string.Join("; ", errors)}" };
    }
}
