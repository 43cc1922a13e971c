using TraceReplay.Calibration.Iteration;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Tests.Infrastructure;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;
using TraceReplay.Ingest;
using TraceReplay.Ingest.Diagnostics;
using TraceReplay.Ingest.Kernels;
using TraceReplay.Ingest.Kernels.Classification;

namespace TraceReplay.Calibration.Tests.Iteration;

/// <summary>The H100 Qwen1.5-0.5B Kineto trace (HF transformers, one ProfilerStep) against the shipped h100 calibration.</summary>
public sealed class IterationCheckTests
{
    private static readonly string s_trace = SharedData.Path("kernels", "kineto", "h100-qwen1.5-0.5b-hf", "Qwen_Qwen1.5-0.5B-Chat__1016005.json.gz");

    private static KernelTimes Ingest(TempDir tmp, string? filter)
    {
        string parquet = Path.Combine(tmp.Path, "qwen.parquet");
        KernelIngest.RunAsync([s_trace], parquet, "auto", KernelClassifier.Default, new IngestContext(new RejectSink(0))).GetAwaiter().GetResult();
        return KernelTimes.Read(parquet, filter);
    }

    [Fact]
    public void The_qwen_config_fixture_matches_the_traced_shapes()
    {
        ModelSpec m = ModelCatalog.Resolve(Path.Combine(SharedData.Repo, "calibration", "captures", "qwen1.5-0.5b", "config.json"));
        Assert.Equal((1024, 16, 16, 64, 24, 2816, 151936), (m.HiddenSize, m.NumQHeads, m.NumKvHeads, m.HeadDim, m.NumLayers, m.DenseFfn, m.VocabSize));
        Assert.True(m.AttentionBias); // the trace's q/k/v run as addmm (with bias)
    }

    [Fact]
    public void One_profiler_step_is_one_forward_pass_and_its_gemm_time_is_predicted_within_the_held_out_band()
    {
        using var tmp = new TempDir();
        KernelTimes step = Ingest(tmp, "ProfilerStep#6");
        KernelTimes all = Ingest(tmp, null);
        Assert.Equal(all.RowsRead, all.RowsKept);
        Assert.True(step.RowsKept < step.RowsRead); // the trace also holds part of the next step: excluded, counted
        // 24 layers x 7 projections (q, k, v, o, gate, up, down) + the rotary-frequency matmul; 24 flash-attention kernels.
        Assert.Equal(169, step.ByClass["gemm"].Kernels);
        Assert.Equal(24, step.ByClass["attention_prefill"].Kernels);

        GpuSpec h100 = GpuCatalog.Resolve("h100");
        var cost = new CalibratedCostModel(h100, CalibrationStore.TryEmbedded("h100")!);
        ModelSpec model = ModelCatalog.Resolve(Path.Combine(SharedData.Repo, "calibration", "captures", "qwen1.5-0.5b", "config.json"));
        var shape = new BatchShape();
        for (int i = 0; i < 16; i++)
        {
            shape.AddPrefill(559);
        }
        IterationCheckResult r = IterationCheck.Run(step, model, shape, 1, cost, "prefill 16 x 559");
        IterationCheckRow gemm = r.Rows.Single(x => x.OpClass == "gemm");
        // The per-operator held-out p90 on H100 GEMMs is ~15-20 %; a per-iteration sum of 97 operators must land inside it.
        Assert.InRange(gemm.RelativeError, -0.2, 0.2);
        Assert.Contains("| gemm | 169 |", r.Render(), StringComparison.Ordinal);

        // Prefill attention, fitted on H100's own measured vLLM kernels (which skip the masked half): the calibrated cost
        // is at least as close as the ideal-causal what-if on this fresh-prompt trace, and within its held-out band.
        IterationCheckRow attn = r.Rows.Single(x => x.OpClass == "attention_prefill");
        double skippedError = r.AlternativeAttentionPrefillUs / attn.MeasuredUs - 1;
        Assert.Equal(MaskedPairs.Skipped, r.AlternativeMaskedPairs);
        Assert.True(Math.Abs(attn.RelativeError) <= Math.Abs(skippedError) + 1e-9, $"as profiled {attn.RelativeError:P1}, skipped {skippedError:P1}");
        Assert.InRange(attn.RelativeError, -0.3, 0.3);
        Assert.Contains("skipped (ideal causal kernel)", r.Render(), StringComparison.Ordinal);
    }
}
