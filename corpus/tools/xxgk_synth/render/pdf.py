"""PDF: the DOCX converted by LibreOffice headless (`soffice --convert-to pdf`).

Each run uses a private user profile (`-env:UserInstallation`) so parallel conversions do not
clash, and a timeout. Several files convert in one soffice start, which is what makes a batch
bearable (a start costs seconds).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path


class ConversionError(RuntimeError):
    pass


def soffice() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx_files: Sequence[Path], outdir: Path, timeout: float = 300.0) -> list[Path]:
    """Convert DOCX files to PDF into outdir; return the PDF paths (same stems)."""
    exe = soffice()
    if exe is None:
        raise ConversionError(
            "PDF needs LibreOffice: `soffice` was not found on PATH "
            "(install it with: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk)"
        )
    if not docx_files:
        return []
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="xxgk-synth-lo-"))
    cmd = [
        exe,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "pdf",
        "--outdir",
        str(outdir),
        *[str(p) for p in docx_files],
    ]
    # own process group, so that a timeout ends soffice.bin too, not only its launcher
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as e:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise ConversionError(
            f"LibreOffice did not finish converting {len(docx_files)} file(s) in {timeout:.0f}s"
        ) from e
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    out = [outdir / (Path(p).stem + ".pdf") for p in docx_files]
    missing = [p.name for p in out if not p.is_file()]
    if proc.returncode != 0 or missing:
        raise ConversionError(
            f"LibreOffice failed (exit {proc.returncode}); missing {missing}: {(stderr or stdout).strip()[:500]}"
        )
    return out
