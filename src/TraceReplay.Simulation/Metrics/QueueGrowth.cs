namespace TraceReplay.Simulation.Metrics;

/// <summary>
/// Overload detector: the waiting-queue depth that each arriving request finds (all instances together), fitted by
/// least squares against arrival time. In a stable system the fitted line stays flat; when the offered load exceeds
/// what the system serves, the queue grows by about (offered - served) x duration, so the line's rise over the
/// arrival window, as a fraction of the requests that arrived, estimates 1 - served / offered.
/// </summary>
public sealed class QueueGrowth
{
    /// <summary>Overloaded when the fitted rise is at least this fraction of arrivals (served below ~95% of offered)...</summary>
    public const double OverloadRiseFraction = 0.05;
    /// <summary>...and at least this many requests, so short traces and small bursts are not flagged.</summary>
    public const double OverloadMinRiseRequests = 16;

    private long _firstNs = -1;
    private long _lastNs;
    private long _n;
    private double _sumT, _sumY, _sumTt, _sumTy;

    /// <summary>Records that a request arrived at <paramref name="arrivalNs"/> and found <paramref name="waiting"/> requests queued.</summary>
    public void Observe(long arrivalNs, int waiting)
    {
        if (_firstNs < 0)
        {
            _firstNs = arrivalNs;
        }
        _lastNs = arrivalNs;
        double t = (arrivalNs - _firstNs) * 1e-9;
        _n++;
        _sumT += t;
        _sumY += waiting;
        _sumTt += t * t;
        _sumTy += t * waiting;
    }

    /// <summary>Slope of the fitted queue depth (requests per second of arrivals); 0 with fewer than two distinct arrival times.</summary>
    public double GrowthPerS
    {
        get
        {
            double denominator = _n * _sumTt - _sumT * _sumT;
            return _n < 2 || denominator <= 1e-18 * Math.Max(1, _n * _sumTt) ? 0 : (_n * _sumTy - _sumT * _sumY) / denominator;
        }
    }

    /// <summary>Rise of the fitted queue depth from the first to the last arrival (requests).</summary>
    public double RiseRequests => GrowthPerS * (_lastNs - Math.Max(0, _firstNs)) * 1e-9;

    public long Arrivals => _n;

    public bool Overloaded => RiseRequests >= Math.Max(OverloadMinRiseRequests, OverloadRiseFraction * _n);
}
