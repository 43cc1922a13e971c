using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>
/// The routing skew every MoE run uses: a hot-set model (<c>hot:H:SHARE</c>) fitted so that decode batches of 16, 32, 64
/// and 128 tokens of Qwen3-30B-A3B cover 45/55/68/86% of its 128 experts per layer (the paper's measurement).
/// GPT-OSS-20B has no published coverage: we ASSUME the same skew shape, i.e. the same fraction of its 32 experts hot
/// (rounded) taking the same share of the routing.
/// </summary>
public sealed record SkewCalibration(RoutingSkewFit.Result QwenFit, string QwenSpec, string GptOssSpec,
    IReadOnlyList<(int Tokens, double Uniform, double Fitted)> GptOssCoverage)
{
    public const string FittedModel = "Qwen3-30B-A3B";
    public static readonly (int Tokens, double Coverage)[] MeasuredCoverage = [(16, 0.45), (32, 0.55), (64, 0.68), (128, 0.86)];

    public static SkewCalibration Fit()
    {
        ModelSpec qwen = ModelCatalog.Resolve(FittedModel);
        RoutingSkewFit.Result fit = RoutingSkewFit.FitHotSet(qwen.Moe!.NumExperts, qwen.Moe.TopK, MeasuredCoverage);
        var hot = (HotSetRouting)fit.Model;
        ModelSpec gpt = ModelCatalog.Resolve("GPT-OSS-20B");
        int e = gpt.Moe!.NumExperts, k = gpt.Moe.TopK;
        int gptHot = Math.Clamp((int)Math.Round((double)hot.HotExperts / qwen.Moe.NumExperts * e), 1, e - 1);
        // The hot share must exceed the hot experts' uniform share and leave room for top-k (the model caps at 1 each).
        double share = Math.Max(hot.HotShare, (double)gptHot / e + 0.01);
        var gptModel = new HotSetRouting(e, k, gptHot, share);
        var uniform = new UniformRouting(e, k);
        var coverage = MeasuredCoverage.Select(p => (p.Tokens, uniform.ExpectedDistinctExperts(0, p.Tokens) / e,
            gptModel.ExpectedDistinctExperts(0, p.Tokens) / e)).ToList();
        return new SkewCalibration(fit, hot.Spec, gptModel.Spec, coverage);
    }

    /// <summary>The routing spec for a model: the fit for Qwen3-30B-A3B, the assumed transfer for GPT-OSS-20B, uniform
    /// for dense models (ignored there).</summary>
    public string SpecFor(string model)
    {
        ModelSpec m = ModelCatalog.Resolve(model);
        if (!m.IsMoe)
        {
            return "uniform";
        }
        return m.Name switch
        {
            FittedModel => QwenSpec,
            "GPT-OSS-20B" => GptOssSpec,
            _ => throw new ArgumentException($"no routing skew calibrated or assumed for {m.Name}", nameof(model)),
        };
    }
}
