"""The Nsight Compute pass: DRAM bytes per kernel, under the same tr:: names (as NVTX ranges)."""
import shutil
import subprocess
import sys

METRICS = "dram__bytes_read.sum,dram__bytes_write.sum,gpu__time_duration.sum"


def find(mode):
    """mode auto|on|off -> path to ncu or None; `on` without ncu is an error."""
    if mode == "off":
        return None
    path = shutil.which("ncu")
    if path is None and mode == "on":
        raise SystemExit("error: --ncu on, but no `ncu` on PATH (install Nsight Compute or use --ncu off)")
    return path


def version(path):
    if path is None:
        return None
    r = subprocess.run([path, "--version"], capture_output=True, text=True)
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    return lines[-1].strip() if lines else None


def command(ncu, script, child_args):
    """ncu runs this script again in --ncu-child mode; its stdout is the raw-page CSV (after ==PROF== lines)."""
    return [ncu, "--csv", "--page", "raw", "--nvtx", "--metrics", METRICS, "--clock-control", "none", "--cache-control", "none",
            "--target-processes", "all", sys.executable, script, "--ncu-child", *child_args]


def run(ncu, script, child_args, out_path, log):
    cmd = command(ncu, script, child_args)
    log("  " + " ".join(cmd))
    with open(out_path + ".tmp", "w", encoding="utf-8") as out:
        r = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        raise SystemExit(f"error: ncu exited with {r.returncode}: {r.stderr.strip()[-2000:]}")
    shutil.move(out_path + ".tmp", out_path)
