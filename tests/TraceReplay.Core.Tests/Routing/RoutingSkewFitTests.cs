using TraceReplay.Core.Models;
using TraceReplay.Core.Routing;
using TraceReplay.Parquet.Routing;

namespace TraceReplay.Core.Tests.Routing;

public sealed class RoutingSkewFitTests
{
    // Qwen3-30B-A3B expert coverage of decode batches measured by the layered-prefill paper (BACKGROUND.md, issue 7).
    private static readonly (int, double)[] s_qwen3Coverage = [(16, 0.45), (32, 0.55), (64, 0.68), (128, 0.86)];

    [Fact]
    public void Hot_set_model_fits_the_measured_coverage_within_two_points()
    {
        RoutingSkewFit.Result fit = RoutingSkewFit.FitHotSet(128, 8, s_qwen3Coverage);
        Assert.True(fit.RmsErrorPoints < 2.0, $"{fit.Model.Spec}: RMS {fit.RmsErrorPoints:F2} points");
        Assert.All(fit.Points, p => Assert.InRange(p.Fitted, p.Measured - 0.035, p.Measured + 0.035));
    }

    [Fact]
    public void A_single_zipf_exponent_fits_worse_than_the_hot_set()
    {
        RoutingSkewFit.Result zipf = RoutingSkewFit.FitZipf(128, 8, s_qwen3Coverage);
        RoutingSkewFit.Result hot = RoutingSkewFit.FitHotSet(128, 8, s_qwen3Coverage);
        Assert.True(zipf.RmsErrorPoints > hot.RmsErrorPoints);
        Assert.StartsWith("zipf:", zipf.Model.Spec);
    }

    [Fact]
    public void Fitted_spec_round_trips_through_the_parser()
    {
        RoutingSkewFit.Result fit = RoutingSkewFit.FitHotSet(128, 8, s_qwen3Coverage);
        IRoutingModel parsed = RoutingModels.Create(fit.Model.Spec, ModelCatalog.Resolve("qwen3-30b-a3b"), 0)!;
        Assert.Equal(fit.Model.ExpectedDistinctExperts(0, 64), parsed.ExpectedDistinctExperts(0, 64), 3);
    }

    [Fact]
    public void Hot_set_one_token_hits_exactly_k_experts_and_many_tokens_hit_all()
    {
        var r = new HotSetRouting(128, 8, 20, 0.8);
        Assert.Equal(8, r.ExpectedDistinctExperts(0, 1), 9);
        Assert.Equal(128, r.ExpectedDistinctExperts(0, 1_000_000), 3);
    }
}
