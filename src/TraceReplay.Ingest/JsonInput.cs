using System.Text.Json;
using TraceReplay.Ingest.Diagnostics;

namespace TraceReplay.Ingest;

/// <summary>
/// A JSON input read whole through <see cref="JsonDocument"/>. Text that is not JSON stops the ingest with the error
/// <c>invalid</c> makes of it; System.Text.Json's <see cref="InvalidOperationException"/> while reading (invalid UTF-8
/// in a string, a value of another kind than the reader checked) with a file error: never a stack trace.
/// </summary>
internal static class JsonInput
{
    public static T Read<T>(string path, Func<JsonDocument> parse, Func<JsonException, IngestException> invalid, Func<JsonElement, T> read)
    {
        JsonDocument doc;
        try
        {
            doc = parse();
        }
        catch (JsonException ex)
        {
            throw invalid(ex);
        }
        using (doc)
        {
            try
            {
                return read(doc.RootElement);
            }
            catch (InvalidOperationException ex)
            {
                throw IngestException.File(path, $"malformed JSON value ({ex.Message})");
            }
        }
    }
}
