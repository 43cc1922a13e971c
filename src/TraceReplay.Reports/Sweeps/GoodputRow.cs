namespace TraceReplay.Reports.Sweeps;

/// <summary>Goodput of one configuration: the highest swept rate whose SLO attainment meets the target (NaN: none).</summary>
public sealed record GoodputRow(string Config, double GoodputRps, double AttainmentAtGoodput, string Note);
