"""What an interrupted export leaves behind, and how the next export clears it: hidden
temporary files (removed), and a bundle under a final name that was never recorded (set
aside under another name, with a warning, so that it is never sent by mistake).
"""

from __future__ import annotations

import os
from pathlib import Path


def remove_leftovers(out_dir: Path, prefix: str) -> None:
    """Hidden temporary files of an export that was killed (ours by their names)."""
    for path in out_dir.glob(f".*{prefix}*"):
        name = path.name.lstrip(".")
        if name.startswith(prefix) and name.endswith((".partial", ".staged")):
            path.unlink(missing_ok=True)


def set_aside_orphans(out_dir: Path, prefix: str, seqs: list[int], warnings: list[str]) -> None:
    """A bundle under a final name whose seq was never recorded is a leftover of a crash
    between naming and recording: rename it so it cannot be mistaken for the new one."""
    for seq in seqs:
        for path in out_dir.glob(f"{prefix}{seq}-*.zip"):
            target, n = path.with_name(path.name + ".not-recorded"), 1
            while target.exists():
                n += 1
                target = path.with_name(f"{path.name}.not-recorded-{n}")
            os.rename(path, target)
            warnings.append(f"{path.name} was left by an interrupted export and never recorded: "
                            f"renamed to {target.name}; do not send it")
