"""The generator of our own corpus: synthetic annual reports in every published form, with truth.

    from xxgk_synth import random_report, generate
    spec = random_report(7, version="2019", body_kind="部门", family="heldout")  # or "blind"
    generate("out/", n=100, seed=1, formats=("txt", "md", "html", "docx", "pdf"))

or `python -m xxgk_synth OUTDIR --n N --seed S --formats txt,md,html,docx,pdf`.
"""

from .corpus import RenderOptions, Written, generate, render_bytes, render_options, specs, write
from .gold import gold
from .render import FORMATS
from .report import DEFECTS, random_report
from .spec import BODY_KINDS, FAMILIES, Claim, Issue, ReportSpec, Section

__all__ = [
    "BODY_KINDS",
    "DEFECTS",
    "FAMILIES",
    "FORMATS",
    "Claim",
    "Issue",
    "RenderOptions",
    "ReportSpec",
    "Section",
    "Written",
    "generate",
    "gold",
    "random_report",
    "render_bytes",
    "render_options",
    "specs",
    "write",
]
