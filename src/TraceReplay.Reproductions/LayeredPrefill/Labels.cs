namespace TraceReplay.Reproductions.LayeredPrefill;

/// <summary>Display names shared by tables and figures.</summary>
public static class Labels
{
    public static string Scheduler(string scheduler) => scheduler switch
    {
        "sarathi" => "chunked (512)",
        "layered" => "layered (8192)",
        _ => scheduler,
    };
}
