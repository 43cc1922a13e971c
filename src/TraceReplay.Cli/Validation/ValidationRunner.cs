using System.Security.Cryptography;
using System.Text;
using TraceReplay.Core.Cost;
using TraceReplay.Simulation.Engine;
using TraceReplay.Simulation.Metrics;
using TraceReplay.Simulation.Workloads;

namespace TraceReplay.Cli.Validation;

/// <summary>
/// Replays every expressible case as its closed-loop benchmark, in parallel over all cores (each replay is
/// single-threaded and deterministic), and returns the results in input order, so the output does not depend on
/// which replay finished first.
/// </summary>
public static class ValidationRunner
{
    public static ValidationRow[] Run(IReadOnlyList<ValidationCase> cases, Func<ReplayOptions, ICostModel> cost, Action? onDone = null)
    {
        var results = new ValidationRow[cases.Count];
        Parallel.For(0, cases.Count, i =>
        {
            results[i] = RunOne(cases[i], cost);
            onDone?.Invoke();
        });
        return results;
    }

    /// <summary>
    /// Held-out split: a deployment (model, system, quantization, parallelism) is held out when the first byte of
    /// the SHA-256 of its key is divisible by 4, about a quarter of deployments, fixed by the data alone. Every
    /// workload point of a held-out deployment is held out with it.
    /// </summary>
    public static bool IsHeldOut(MeasuredPoint p)
    {
        string key = string.Join('|', p.Model, p.Gpu, p.GemmQuant, p.MoeQuant, p.Tp, p.Pp, p.AttentionDp, p.MoeTp, p.MoeEp);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key))[0] % 4 == 0;
    }

    private static ValidationRow RunOne(ValidationCase c, Func<ReplayOptions, ICostModel> cost)
    {
        bool heldOut = IsHeldOut(c.Point);
        if (!c.Expressible)
        {
            return new ValidationRow(c.Point, double.NaN, double.NaN, c.Note, heldOut);
        }
        try
        {
            var sim = new ReplaySimulation(c.Options!, cost(c.Options!));
            ReplaySummary s = sim.Run(new ClosedLoopSource(c.Workload!));
            string? note = s.Rejected > 0
                ? $"{s.Rejected} of {s.Requests} requests rejected ({string.Join(", ", s.RejectedByReason.Select(kv => $"{kv.Key} {kv.Value}"))})"
                : null;
            return new ValidationRow(c.Point, s.TtftMeanS * 1e3, s.TpotMeanS * 1e3, note, heldOut);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or InvalidOperationException or KeyNotFoundException)
        {
            return new ValidationRow(c.Point, double.NaN, double.NaN, $"replay failed: {ex.Message}", heldOut);
        }
    }
}
