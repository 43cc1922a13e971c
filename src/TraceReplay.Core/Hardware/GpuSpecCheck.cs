namespace TraceReplay.Core.Hardware;

/// <summary>Validates a GPU loaded from a user's JSON: each rate and size positive and finite, energy figures >= 0.</summary>
public static class GpuSpecCheck
{
    public static GpuSpec Validate(GpuSpec g, string path)
    {
        Positive(g.PeakBf16FlopsPerS, "peak_bf16_flops_per_s", path);
        NonNegative(g.PeakFp8FlopsPerS, "peak_fp8_flops_per_s", path);
        Positive(g.HbmBytesPerS, "hbm_bytes_per_s", path);
        Positive(g.HbmCapacityBytes, "hbm_capacity_bytes", path);
        Positive(g.TdpW, "tdp_w", path);
        Positive(g.SmCount, "sm_count", path);
        NonNegative(g.L2Bytes, "l2_bytes", path);
        Positive(g.InterconnectBytesPerS, "interconnect_bytes_per_s", path);
        NonNegative(g.StaticPowerW, "static_power_w", path);
        NonNegative(g.HbmPjPerByte, "hbm_pj_per_byte", path);
        NonNegative(g.PjPerFlop, "pj_per_flop", path);
        if (string.IsNullOrWhiteSpace(g.Name) || string.IsNullOrWhiteSpace(g.ShortName))
        {
            throw new InvalidDataException($"{path}: fields 'name' and 'short_name' must be non-empty strings");
        }
        return g;
    }

    private static void Positive(double v, string field, string path)
    {
        if (!(double.IsNormal(v) && v > 0))
        {
            throw new InvalidDataException($"{path}: field '{field}' is {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected a positive finite number");
        }
    }

    private static void NonNegative(double v, string field, string path)
    {
        if (!(double.IsFinite(v) && v >= 0))
        {
            throw new InvalidDataException($"{path}: field '{field}' is {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; expected a finite number >= 0");
        }
    }
}
