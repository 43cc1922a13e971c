using System.Collections.Concurrent;
using System.Globalization;

namespace TraceReplay.Core.IO;

/// <summary>
/// The one place temp files beside outputs are named, tracked and cleaned: <c>.NAME.PID.GUID.tmp</c> in the target's
/// folder. Live temps are registered so a signal handler can delete them (<see cref="DeleteAll"/>); stale temps whose
/// process is gone (kill -9, power loss) are removed the next time the same output is written.
/// </summary>
public static class TempFiles
{
    private static readonly ConcurrentDictionary<string, byte> s_live = new(StringComparer.Ordinal);

    /// <summary>A fresh, registered temp path beside <paramref name="target"/>; also sweeps stale temps of that target.</summary>
    public static string Beside(string target)
    {
        string full = Path.GetFullPath(target);
        string folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        string name = Path.GetFileName(full);
        SweepStale(folder, name);
        string temp = Path.Combine(folder, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        s_live[temp] = 0;
        return temp;
    }

    /// <summary>Moves the finished temp over the target (one rename) and forgets it.</summary>
    public static void Commit(string temp, string target)
    {
        File.Move(temp, Path.GetFullPath(target), overwrite: true);
        s_live.TryRemove(temp, out _);
    }

    /// <summary>Deletes a temp that will not be committed (failure, cancellation) and forgets it.</summary>
    public static void Discard(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        finally
        {
            s_live.TryRemove(temp, out _);
        }
    }

    /// <summary>Deletes every live temp of this process (SIGINT/SIGTERM); returns how many were removed.</summary>
    public static int DeleteAll()
    {
        int n = 0;
        foreach (string temp in s_live.Keys)
        {
            try
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                    n++;
                }
            }
            catch (IOException)
            {
                // Best effort while the process is ending; the next run sweeps what is left.
            }
            catch (UnauthorizedAccessException)
            {
            }
            s_live.TryRemove(temp, out _);
        }
        return n;
    }

    /// <summary>Removes <c>.NAME.PID.*tmp</c> files of processes that no longer run.</summary>
    public static void SweepStale(string folder, string name)
    {
        string prefix = "." + name + ".";
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(folder, prefix + "*.tmp");
        }
        catch (IOException)
        {
            return;
        }
        foreach (string path in candidates)
        {
            string rest = Path.GetFileName(path)[prefix.Length..];
            int dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && pid != Environment.ProcessId && !IsRunning(pid))
            {
                try
                {
                    File.Delete(path);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
