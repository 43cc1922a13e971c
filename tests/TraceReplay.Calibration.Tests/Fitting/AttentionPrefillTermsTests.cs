using TraceReplay.Calibration.Fitting;
using TraceReplay.Calibration.Model;
using TraceReplay.Calibration.Profiles;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Fitting;

/// <summary>
/// Prefill attention terms added after the iteration check: the diagonal tiles every causal kernel pays, the
/// per-sequence term pinned when profiles cannot identify it, and the two masked-pairs modes of the cost model.
/// </summary>
public sealed class AttentionPrefillTermsTests
{
    private static readonly GpuSpec s_a100 = GpuCatalog.Resolve("a100");

    private static Operator Prefill(int sequences, int tokens, int cached = 0)
    {
        var shape = new BatchShape();
        for (int i = 0; i < sequences; i++)
        {
            shape.AddPrefill(tokens, cached);
        }
        var ops = new List<Operator>();
        new OperatorGraph(ModelCatalog.Resolve("llama-2-7b")).Build(shape, LayerRange.All(1), false, false, ops);
        return ops.First(o => o.Kind == OpKind.AttentionPrefill);
    }

    [Theory]
    [InlineData(128, 1.0)] // one 128 x 128 tile: every masked pair is computed
    [InlineData(256, (128.0 * 128 + 128 * 256 - 256 * 257 / 2.0) / (256 * 255 / 2.0))] // two query blocks: 0.498
    [InlineData(559, 0.2154)]
    public void Diagonal_tiles_are_a_known_share_of_the_masked_pairs(int chunk, double expected) =>
        Assert.Equal(Math.Min(1, expected), OpFeatures.DiagonalTileFraction(chunk), 3);

    [Fact]
    public void Paid_pairs_of_a_causal_kernel_never_fall_as_the_chunk_grows()
    {
        double last = 0;
        for (int c = 2; c <= 4096; c++)
        {
            double causal = c * (c + 1) / 2.0, masked = c * (c - 1) / 2.0;
            double paid = causal + OpFeatures.DiagonalTileFraction(c) * masked;
            Assert.True(paid >= last, $"chunk {c}: {paid} < {last}");
            last = paid;
        }
        Assert.InRange(OpFeatures.DiagonalTileFraction(4096), 0.03, 0.04); // ~128 / chunk for long chunks
    }

    [Fact]
    public void Skipped_masked_pairs_cost_between_the_causal_triangle_and_the_profiled_rectangle()
    {
        Operator attn = Prefill(16, 559);
        var p = new LatencyParams(1, 0, 0.4, 0.7, 20, 0, 0, MaskedFraction: 1);
        double profiled = LatencyForm.PredictUs(attn, s_a100, p);
        double skipped = LatencyForm.PredictUs(attn, s_a100, p with { MaskedFraction = 0 });
        double causalOnly = 1 + attn.Flops / (s_a100.PeakBf16FlopsPerS * 0.4) * 1e6;
        Assert.True(causalOnly < skipped && skipped < profiled, $"{causalOnly} {skipped} {profiled}");
    }

    [Fact]
    public void The_cost_model_defaults_to_the_profiled_cost_and_says_so_only_for_the_what_if()
    {
        GpuCalibration cal = CalibrationStore.TryEmbedded("a100")!;
        Assert.True(cal.Operators["attn_prefill"].MaskedFraction > 0.5); // the profiled kernel pays (most of) the masked pairs
        Operator attn = Prefill(1, 2048);
        var profiled = new CalibratedCostModel(s_a100, cal);
        var skipped = new CalibratedCostModel(s_a100, cal, MaskedPairs.Skipped);
        Assert.True(skipped.Estimate(attn).LatencyUs < 0.8 * profiled.Estimate(attn).LatencyUs);
        Assert.DoesNotContain("ideal causal", profiled.Provenance, StringComparison.Ordinal);
        Assert.Contains("ideal causal", skipped.Provenance, StringComparison.Ordinal);
        // Vidur-format rows always describe the profiled kernel.
        Assert.Equal(profiled.EstimateWith("attn_prefill", attn).LatencyUs, skipped.EstimateWith("attn_prefill", attn).LatencyUs);
    }

    [Fact]
    public void Per_sequence_time_is_pinned_when_every_sample_prefills_one_sequence()
    {
        // Synthetic measurements of a kernel with a true 10 us overhead: all batch 1, as in Vidur's attention profile.
        var samples = new List<ProfileSample>();
        foreach (int tokens in new[] { 64, 128, 256, 512, 1024, 2048, 4096 })
        {
            foreach (int cached in new[] { 0, 512, 2048 })
            {
                Operator op = Prefill(1, tokens, cached);
                double us = 10 + op.Flops / (s_a100.PeakBf16FlopsPerS * 0.5) * 1e6;
                samples.Add(new ProfileSample(op, "attn_prefill", "g", us, "synthetic"));
            }
        }
        LatencyParams fit = LatencyFitter.Fit(samples, s_a100, OpClass.AttentionPrefill);
        Assert.Equal(0, fit.PerSequenceUs);
        Assert.Equal(0, fit.FillRowsPerSm);
        // Batching 16 such prefills must not add a per-sequence cost the data never showed.
        Operator batched = Prefill(16, 512);
        double predicted = LatencyForm.PredictUs(batched, s_a100, fit);
        double truth = 10 + batched.Flops / (s_a100.PeakBf16FlopsPerS * 0.5) * 1e6;
        Assert.InRange(predicted / truth, 0.8, 1.25);
    }
}
