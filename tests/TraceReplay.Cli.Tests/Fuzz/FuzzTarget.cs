namespace TraceReplay.Cli.Tests.Fuzz;

/// <summary>How a fuzzed file is mutated.</summary>
public enum FuzzKind
{
    Text,
    Json,
    GzipJson,
    Sqlite,
    Parquet,
}

/// <summary>
/// One input format under fuzz: a sample file, how to mutate it, the file name the mutation is written under (format
/// detection and siblings such as ServeGen's dataset depend on it), files copied beside it unchanged, and the command.
/// </summary>
/// <param name="Args">(mutated file, case folder, case index) -> command line.</param>
public sealed record FuzzTarget(
    string Name,
    Func<string> Sample,
    FuzzKind Kind,
    string FileName,
    Func<string, string, int, string[]> Args,
    IReadOnlyList<(string From, string Name)>? Siblings = null)
{
    public override string ToString() => Name;
}
