"""The annotation grammar calibration parses to recover each measurement's operator and shape.

    annotation := "tr::" op "::" pair ("," pair)*
    op, key    := [a-z][a-z0-9_]*          (op is a TraceReplay OpKind in snake_case, e.g. qkv_proj)
    value      := [A-Za-z0-9_.-]+          (integers in decimal; dtype and proj are words)

Keys appear in the order the plan gives them; `rep` (repetition index) is always last.
"""
import re

PREFIX = "tr::"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VALUE = re.compile(r"^[A-Za-z0-9_.\-]+$")
_FULL = re.compile(r"^tr::([a-z][a-z0-9_]*)::([a-z][a-z0-9_]*=[A-Za-z0-9_.\-]+(?:,[a-z][a-z0-9_]*=[A-Za-z0-9_.\-]+)*)$")


def format_annotation(op, shape, rep=None):
    """Builds `tr::op::k=v,...[,rep=N]`; raises ValueError on a name or value outside the grammar."""
    if not _NAME.match(op):
        raise ValueError(f"op '{op}' is not [a-z][a-z0-9_]*")
    pairs = list(shape.items()) + ([("rep", rep)] if rep is not None else [])
    parts = []
    for key, value in pairs:
        text = str(value)
        if not _NAME.match(key) or not _VALUE.match(text):
            raise ValueError(f"{op}: '{key}={text}' is outside the annotation grammar")
        parts.append(f"{key}={text}")
    return f"{PREFIX}{op}::{','.join(parts)}"


def parse_annotation(name):
    """Returns (op, {key: value-string}) or raises ValueError naming what is wrong."""
    m = _FULL.match(name)
    if not m:
        raise ValueError(f"'{name}' is not tr::<op>::<key>=<value>[,<key>=<value>]*")
    shape = {}
    for pair in m.group(2).split(","):
        key, value = pair.split("=", 1)
        if key in shape:
            raise ValueError(f"'{name}': key '{key}' repeated")
        shape[key] = value
    return m.group(1), shape
