namespace TraceReplay.Calibration.Profiles;

/// <summary>The three Vidur profile layouts TraceReplay reads, told apart by their shape columns.</summary>
public enum VidurFileKind
{
    /// <summary><c>compute/&lt;gpu&gt;/&lt;org&gt;/&lt;model&gt;/mlp.csv</c>: per-layer operators by token count.</summary>
    Mlp,
    /// <summary><c>compute/&lt;gpu&gt;/attention.csv</c>: prefill and decode attention by batch and context.</summary>
    Attention,
    /// <summary><c>network/&lt;gpu&gt;_&lt;topology&gt;/all_reduce.csv</c>: all-reduce by size and GPUs.</summary>
    AllReduce,
}
