using System.Globalization;
using System.Text;
using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;

namespace TraceReplay.Calibration.Tests.Infrastructure;

/// <summary>Writes Vidur-format mlp.csv files whose times follow a known curve, so a fit has a right answer.</summary>
public static class SyntheticProfiles
{
    public static readonly LatencyParams Truth = new(4.0, 0, 0.7, 0.8, 3.0, 0.2, 0);
    public static readonly LatencyParams NormTruth = new(2.0, 0, 0.5, 0.7, 4.0, 0, 0.3);

    public static readonly (string Model, int Hidden, int Heads, int Kv, int Ffn)[] Models =
    [
        ("org/model-a", 4096, 32, 8, 14336),
        ("org/model-b", 5120, 40, 40, 13824),
        ("org/model-c", 8192, 64, 8, 28672),
    ];

    public static void Write(string root, GpuSpec gpu)
    {
        foreach (var m in Models)
        {
            var sb = new StringBuilder("time_stats.mlp_up_proj.median,time_stats.input_layernorm.median,n_head,n_kv_head,n_embd,n_expanded_embd,vocab_size,use_gated_mlp,num_tokens,num_tensor_parallel_workers\n");
            foreach (int tp in new[] { 1, 2 })
            {
                for (int tokens = 1; tokens <= 4096; tokens = tokens < 64 ? tokens * 2 : tokens + 192)
                {
                    var ops = VidurShape.MlpOperators(VidurShape.Spec(m.Hidden, m.Heads, m.Kv, m.Ffn, 32000), tp, tokens, gatedMlp: true);
                    double up = LatencyForm.PredictUs(ops["mlp_up_proj"], gpu, Truth) / 1000;
                    double norm = LatencyForm.PredictUs(ops["input_layernorm"], gpu, NormTruth) / 1000;
                    sb.Append(string.Create(CultureInfo.InvariantCulture, $"{up:R},{norm:R},{m.Heads},{m.Kv},{m.Hidden},{m.Ffn},32000,True,{tokens},{tp}\n"));
                }
            }
            string file = Path.Combine(root, "compute", gpu.ShortName, m.Model, "mlp.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, sb.ToString());
        }
    }
}
