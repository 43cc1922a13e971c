using TraceReplay.Core.Diagnostics;

namespace TraceReplay.Ingest.Diagnostics;

/// <summary>Bad input that stops an ingest; the message names file, line, field and what was expected.</summary>
public sealed class IngestException : InputException
{
    public IngestException(IngestError error, string? hint = null)
        : base(error.ToString() + (hint is null ? "" : " " + hint), error.File, error.Line, error.Field, error.Reason, error.Raw)
    {
        Error = error;
    }

    public IngestError Error { get; }

    public static IngestException File(string file, string reason) => new(new IngestError(file, 0, "-", reason, ""));
}
