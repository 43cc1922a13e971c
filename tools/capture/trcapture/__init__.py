"""TraceReplay GPU capture kit: operator-shape sweeps recorded with torch.profiler (and Nsight Compute)."""

KIT_VERSION = "1"
