namespace TraceReplay.Capture.Tests.Infrastructure;

/// <summary>A fact that needs python3 (the capture kit's dry run and simulate mode); skipped, saying so, without it.</summary>
public sealed class PythonFactAttribute : FactAttribute
{
    public PythonFactAttribute()
    {
        if (CaptureKit.Python is null)
        {
            Skip = "python3 not found on PATH: the capture kit (tools/capture/capture.py) cannot be run here";
        }
    }
}
