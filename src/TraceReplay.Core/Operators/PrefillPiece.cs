namespace TraceReplay.Core.Operators;

/// <summary>A slice of one prompt processed in this iteration.</summary>
/// <param name="Tokens">New prompt tokens in this piece.</param>
/// <param name="ContextOffset">Prompt tokens of the same request already in the KV cache.</param>
/// <param name="EmitsToken">True when this piece finishes the prompt, so its last position is sampled.</param>
public readonly record struct PrefillPiece(int Tokens, int ContextOffset, bool EmitsToken);
