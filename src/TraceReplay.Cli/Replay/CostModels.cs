using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Core.Operators;

namespace TraceReplay.Cli.Replay;

/// <summary>
/// <c>--cost-model calibrated|calibrated-skip-masked|roofline</c>: calibrated uses the shipped (or given) calibration for the GPU and falls
/// back to the roofline when there is none; the returned model's <see cref="ICostModel.Provenance"/> says which, so
/// every output that records it (summary.json, the terminal) tells the truth.
/// </summary>
public static class CostModels
{
    public static readonly string[] Kinds = ["calibrated", "roofline"];

    public static ICostModel Resolve(string kind, GpuSpec gpu, string? calibrationPath = null)
    {
        ICostModel model = CostModelFactory.Create(kind, gpu, calibrationPath, out string provenance);
        return provenance == model.Provenance ? model : new Noted(model, provenance);
    }

    /// <summary>Same predictions, with the factory's provenance (e.g. "no calibration for h100-pcie; using ...").</summary>
    private sealed class Noted(ICostModel inner, string provenance) : ICostModel
    {
        public string Name => inner.Name;

        public string Provenance => provenance;

        public OpCost Estimate(in Operator op) => inner.Estimate(op);
    }
}
