using TraceReplay.Calibration.Model;
using TraceReplay.Core.Cost;
using TraceReplay.Core.Hardware;
using TraceReplay.Simulation.Engine;

namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>The §8 serving setup as <see cref="ReplayOptions"/>, and the calibrated H100 cost model.</summary>
public static class ReplayFactory
{
    public static ReplayOptions Options(ModelSetup setup, string dataset, string scheduler, string routing, int seed) => new()
    {
        Model = setup.Model,
        Gpu = LayeredPrefillConfig.Gpu,
        TensorParallel = LayeredPrefillConfig.TensorParallel,
        Scheduler = scheduler,
        GpuMemoryUtilization = LayeredPrefillConfig.GpuMemoryUtilization,
        BlockTokens = LayeredPrefillConfig.BlockTokens,
        MaxSequences = LayeredPrefillConfig.MaxSequences,
        ChunkTokens = LayeredPrefillConfig.ChunkTokens,
        CohortTokens = LayeredPrefillConfig.CohortTokens,
        LayerGroups = 0,
        LayerGroupCap = setup.LayerGroupCap,
        SloTtftS = Datasets.SloTtftS(dataset),
        SloTbtS = setup.SloTbtS,
        Routing = routing,
        Seed = seed,
    };

    /// <summary>The shipped H100 calibration (embedded); <paramref name="provenance"/> says which model was used.</summary>
    public static ICostModel CostModel(MaskedPairs maskedPairs, out string provenance) =>
        CostModelFactory.Create(LayeredPrefillConfig.CostModel, GpuCatalog.Resolve(LayeredPrefillConfig.Gpu), null, out provenance, maskedPairs);
}
