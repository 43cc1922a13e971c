namespace TraceReplay.Cli.Validation;

/// <summary>
/// One measured closed-loop benchmark point: a deployment (model, GPU, parallelism, quantization), its workload
/// (concurrency, prompt and output tokens) and the measured mean TTFT and TPOT. <see cref="Note"/> says why the row
/// could not be read (a bad cell); such a row is kept, counted and reported, never dropped.
/// </summary>
public sealed record MeasuredPoint
{
    /// <summary>Where the row came from, for messages: <c>file:line</c>.</summary>
    public required string Location { get; init; }
    public string Model { get; init; } = "";
    public string Gpu { get; init; } = "";
    public int Tp { get; init; } = 1;
    public int Pp { get; init; } = 1;
    public int AttentionDp { get; init; } = 1;
    public int MoeTp { get; init; } = 1;
    public int MoeEp { get; init; } = 1;
    public int Isl { get; init; }
    public int Osl { get; init; }
    public int Concurrency { get; init; }
    /// <summary>Requests the benchmark sent, when the source records it (vLLM's num_prompts); else null.</summary>
    public int? NumRequests { get; init; }
    /// <summary>Weights of the linear layers: empty (checkpoint dtype), fp8, nvfp4, int4_wo, mxfp4, ...</summary>
    public string GemmQuant { get; init; } = "";
    /// <summary>Weights of the routed experts, same vocabulary as <see cref="GemmQuant"/>.</summary>
    public string MoeQuant { get; init; } = "";
    public double TtftMs { get; init; } = double.NaN;
    public double TpotMs { get; init; } = double.NaN;
    public string? Note { get; init; }
}
