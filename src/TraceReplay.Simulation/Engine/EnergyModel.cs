using TraceReplay.Core.Hardware;

namespace TraceReplay.Simulation.Engine;

/// <summary>
/// Estimated GPU energy of an instance: per GPU, static power x time + pJ per HBM byte + pJ per FLOP, times the
/// GPUs of the instance. Coefficients come from <see cref="GpuSpec"/> (with their documented source) unless overridden.
/// </summary>
public sealed record EnergyModel(double StaticPowerW, double HbmPjPerByte, double PjPerFlop, int Gpus, string Source)
{
    public static EnergyModel For(GpuSpec gpu, ReplayOptions o)
    {
        bool overridden = o.StaticPowerW.HasValue || o.HbmPjPerByte.HasValue || o.PjPerFlop.HasValue;
        return new EnergyModel(o.StaticPowerW ?? gpu.StaticPowerW, o.HbmPjPerByte ?? gpu.HbmPjPerByte, o.PjPerFlop ?? gpu.PjPerFlop,
            ExpertParallelism.GpusPerInstance(o), (overridden ? "overridden on the command line; defaults: " : "") + gpu.EnergySource);
    }

    /// <summary>Joules of one iteration; bytes and FLOPs are per GPU.</summary>
    public double IterationJ(long durationNs, double hbmBytesPerGpu, double flopsPerGpu) =>
        Gpus * (StaticPowerW * durationNs * 1e-9 + HbmPjPerByte * 1e-12 * hbmBytesPerGpu + PjPerFlop * 1e-12 * flopsPerGpu);

    /// <summary>Joules of an idle stretch (the engine holds the GPUs awake).</summary>
    public double IdleJ(long durationNs) => Gpus * StaticPowerW * durationNs * 1e-9;
}
