using TraceReplay.Calibration.Fitting;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Models;
using TraceReplay.Core.Operators;

namespace TraceReplay.Calibration.Tests.Fitting;

/// <summary>The model-form pieces added for held-out accuracy: tile choice, latency floor, paid masked pairs.</summary>
public sealed class LatencyFormTests
{
    private static readonly GpuSpec s_h100 = GpuCatalog.Resolve("h100");

    private static Operator Gemm(long m, long k, long n) => new()
    {
        Kind = OpKind.MlpDown, Layer = 0, Flops = 2.0 * m * k * n, Bytes = new HbmTraffic(2.0 * k * n, 2.0 * m * k, 2.0 * m * n, 0, 0),
        Tokens = m, InFeatures = k, OutFeatures = n, TpDegree = 1,
    };

    [Fact]
    public void The_picked_tile_pads_least_and_small_tiles_win_only_when_they_save_padding()
    {
        // 132 SMs: M = 64, N = 4096 -> 16x128 tiles give 128 tiles (one wave), 64x64 give 64 (one wave, 2x the padded work).
        OpFeatures f = OpFeatures.Of(Gemm(64, 4096, 4096), s_h100);
        double equal = f.TiledFlops(0);
        Assert.Equal(132 * 2.0 * 16 * 128 * 4096, equal); // 16x128: 128 tiles, one wave: least padded work
        // Penalising small tiles hard moves the choice to a bigger tile, never below the raw FLOPs.
        Assert.True(f.TiledFlops(2) > equal);
        Assert.True(f.TiledFlops(2) >= f.Flops);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.7)]
    [InlineData(2.0)]
    public void Tiled_flops_never_decrease_with_tokens(double exponent)
    {
        double before = 0;
        for (long m = 1; m <= 4 * 4096; m += m < 512 ? 1 : 37)
        {
            double t = OpFeatures.Of(Gemm(m, 8192, 3584), s_h100).TiledFlops(exponent);
            Assert.True(t >= before, $"M={m}: {t} < {before}");
            before = t;
        }
    }

    [Fact]
    public void The_floor_lifts_small_kernels_and_fades_for_large_ones_keeping_monotone()
    {
        var p = new LatencyParams(0.5, 0, 0.8, 0.6, 4, 0, 0.5, FloorUs: 5);
        var graph = new OperatorGraph(ModelCatalog.Resolve("llama-3-8b"));
        double before = 0;
        for (int tokens = 1; tokens <= 16384; tokens += tokens < 256 ? 1 : 97)
        {
            var ops = new List<Operator>();
            graph.Build(new BatchShape().AddPrefill(tokens), LayerRange.All(1), false, false, ops);
            double t = LatencyForm.PredictUs(ops.First(o => o.Kind == OpKind.InputNorm), s_h100, p);
            Assert.True(t >= before && t >= 5.5, $"{tokens} tokens: {t} us");
            before = t;
        }
        var big = new List<Operator>();
        graph.Build(new BatchShape().AddPrefill(16384), LayerRange.All(1), false, false, big);
        Operator norm = big.First(o => o.Kind == OpKind.InputNorm);
        double withFloor = LatencyForm.PredictUs(norm, s_h100, p), without = LatencyForm.PredictUs(norm, s_h100, p with { FloorUs = 0 });
        Assert.InRange(withFloor / without, 1.0, 1.001); // 134 MB of traffic: the floor no longer matters
    }

    [Fact]
    public void Paid_masked_pairs_raise_prefill_time_between_causal_and_the_full_rectangle()
    {
        var graph = new OperatorGraph(ModelCatalog.Resolve("llama-3-8b"));
        var ops = new List<Operator>();
        graph.Build(new BatchShape().AddPrefill(2048), LayerRange.All(1), false, false, ops);
        Operator attn = ops.First(o => o.Kind == OpKind.AttentionPrefill);
        OpFeatures f = OpFeatures.Of(attn, s_h100);
        Assert.InRange(f.FullFlops / f.Flops, 1.99, 2.01); // fresh 2048-token prompt: rectangle = 2 x causal triangle
        var p = new LatencyParams(1, 0, 0.5, 0.7, 20, 0, 0);
        double causal = LatencyForm.PredictUs(attn, s_h100, p), half = LatencyForm.PredictUs(attn, s_h100, p with { MaskedFraction = 0.5 }),
            full = LatencyForm.PredictUs(attn, s_h100, p with { MaskedFraction = 1 });
        Assert.True(causal < half && half < full, $"{causal} {half} {full}");
    }

    [Fact]
    public void Decode_work_items_grow_with_kv_heads_and_sequences_and_stay_monotone()
    {
        var graph = new OperatorGraph(ModelCatalog.Resolve("llama-3-70b"), tensorParallel: 2);
        Operator Decode(int batch, int context)
        {
            var ops = new List<Operator>();
            graph.Build(new BatchShape().AddDecodes(batch, context), LayerRange.All(1), false, false, ops);
            return ops.Single(o => o.Kind == OpKind.AttentionDecode);
        }
        // 8 KV heads of 128 over TP 2: 4 KV-head units per GPU; the fill term sees the KV bytes per unit.
        Operator one = Decode(1, 4096);
        OpFeatures f = OpFeatures.Of(one, s_h100);
        Assert.Equal(4, f.KvUnits);
        Assert.Equal(one.Bytes.KvReadBytes / 4, f.BytesPerRow);
        var p = new LatencyParams(2, 0.01, 1, 0.7, 8, 0, 4, FloorUs: 3, SequenceExponent: 0.5);
        double before = 0;
        for (int context = 16; context <= 16384; context += 37)
        {
            double t = LatencyForm.PredictUs(Decode(1, context), s_h100, p);
            Assert.True(t >= before, $"context {context}: {t} us < {before} us");
            before = t;
        }
        before = 0;
        for (int batch = 1; batch <= 512; batch++)
        {
            double t = LatencyForm.PredictUs(Decode(batch, 2048), s_h100, p);
            Assert.True(t >= before, $"batch {batch}: {t} us < {before} us");
            before = t;
        }
        // More sequences are more parallel work items: 64 sequences read 64x the KV of one in far less than 64x the time.
        Assert.True(LatencyForm.PredictUs(Decode(64, 2048), s_h100, p) < 32 * LatencyForm.PredictUs(Decode(1, 2048), s_h100, p));
    }
}
