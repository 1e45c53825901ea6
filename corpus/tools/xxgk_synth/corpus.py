"""Writing reports to disk: `<name>.<ext>` per format and `<name>.gold.json` per report."""

from __future__ import annotations

import json
import random
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .gold import gold
from .render import FORMATS
from .render import docx as docx_render
from .render import html as html_render
from .render import md as md_render
from .render import pdf as pdf_render
from .render import txt as txt_render
from .report import DEFECTS, random_report
from .spec import BodyKind, Family, ReportSpec

PDF_BATCH = 40  # files per LibreOffice start


@dataclass(frozen=True)
class RenderOptions:
    """How one report is laid out in the formats that have variants."""

    txt_flavour: str = "lines"
    wrap: bool = False  # header labels broken over two lines (txt, html, docx)
    html_word_paste: bool = False
    html_encoding: str = "utf-8"

    def describe(self) -> str:
        html = ("Word-paste markup" if self.html_word_paste else "plain markup") + f", {self.html_encoding}"
        wrap = "; header labels broken over two lines (txt, html, docx)" if self.wrap else ""
        return f"txt flavour {self.txt_flavour}; html {html}{wrap}."


def render_options(seed: int) -> RenderOptions:
    """Options drawn from the report's seed (every variant occurs across a corpus)."""
    rng = random.Random(seed * 31 + 7)
    return RenderOptions(
        txt_flavour=rng.choice(txt_render.FLAVOURS),
        wrap=rng.random() < 0.4,
        html_word_paste=rng.random() < 0.5,
        html_encoding="gbk" if rng.random() < 0.2 else "utf-8",
    )


@dataclass
class Written:
    spec: ReportSpec
    options: RenderOptions
    files: dict[str, Path] = field(default_factory=dict)
    gold: Path | None = None


def render_bytes(spec: ReportSpec, fmt: str, options: RenderOptions) -> bytes:
    """One format of one report, as the bytes of its file (not pdf: see `write`)."""
    if fmt == "txt":
        return txt_render.render(spec, options.txt_flavour, options.wrap).encode("utf-8")
    if fmt == "md":
        return md_render.render(spec).encode("utf-8")
    if fmt == "html":
        return html_render.render(spec, options.html_word_paste, options.html_encoding)
    if fmt == "docx":
        return docx_render.render(spec, options.wrap)
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def _check_formats(formats: Sequence[str]) -> None:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown formats {unknown}; known: {', '.join(FORMATS)}")


def write(
    specs: Sequence[ReportSpec],
    outdir: Path,
    formats: Sequence[str] = ("txt", "md", "html"),
    options: Sequence[RenderOptions] | None = None,
    pdf_timeout: float = 600.0,
    gold_dir: Path | None = None,
) -> list[Written]:
    """Write every report in every format, then its truth file (beside it, or in `gold_dir`)."""
    _check_formats(formats)
    outdir.mkdir(parents=True, exist_ok=True)
    truth_dir = gold_dir or outdir
    truth_dir.mkdir(parents=True, exist_ok=True)
    opts = list(options) if options is not None else [render_options(s.seed) for s in specs]
    done = [Written(s, o) for s, o in zip(specs, opts, strict=True)]
    for w in done:
        for fmt in formats:
            if fmt == "pdf":
                continue
            path = outdir / f"{w.spec.name}.{fmt}"
            path.write_bytes(render_bytes(w.spec, fmt, w.options))
            w.files[fmt] = path
    if "pdf" in formats:
        with tempfile.TemporaryDirectory(prefix="xxgk-synth-docx-") as tmp:
            sources = []
            for w in done:
                if "docx" in w.files:
                    sources.append(w.files["docx"])
                else:
                    p = Path(tmp) / f"{w.spec.name}.docx"
                    p.write_bytes(docx_render.render(w.spec))
                    sources.append(p)
            pdfs: list[Path] = []
            for i in range(0, len(sources), PDF_BATCH):
                pdfs += pdf_render.convert(sources[i : i + PDF_BATCH], outdir, pdf_timeout)
        for w, p in zip(done, pdfs, strict=True):
            w.files["pdf"] = p
    for w in done:
        names = [w.files[f].name for f in FORMATS if f in w.files]
        note = f"Synthetic report (xxgk_synth), seed {w.spec.seed}, {w.spec.family} phrasing. {w.options.describe()}"
        truth = gold(w.spec, names[0] if names else "", names, note)
        w.gold = truth_dir / f"{w.spec.name}.gold.json"
        w.gold.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return done


def specs(
    n: int,
    seed: int = 0,
    *,
    family: Family = "train",
    versions: Sequence[str] = (),
    body_kinds: Sequence[BodyKind] = (),
    defect_rate: float = 0.0,
    defects: Sequence[str] = (),
    prefix: str = "synth",
) -> list[ReportSpec]:
    """n reports drawn from `seed`; `versions`/`body_kinds`, when given, are cycled through.

    Each report gets `defects`, or with probability `defect_rate` one defect drawn at random.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        report_seed = rng.randrange(2**31)
        version = versions[i % len(versions)] if versions else None
        chosen = list(defects)
        if not chosen and defect_rate and rng.random() < defect_rate:
            chosen = [rng.choice([d for d in DEFECTS if not (d == "fee" and version == "2019")])]
        out.append(
            random_report(
                report_seed,
                version=version,
                body_kind=body_kinds[i % len(body_kinds)] if body_kinds else None,
                family=family,
                defects=chosen,
                name=f"{prefix}-{i + 1:04d}",
            )
        )
    return out


def generate(
    outdir: Path | str,
    n: int,
    seed: int = 0,
    formats: Sequence[str] = ("txt", "md", "html"),
    *,
    family: Family = "train",
    versions: Sequence[str] = (),
    body_kinds: Sequence[BodyKind] = (),
    defect_rate: float = 0.0,
    defects: Sequence[str] = (),
    prefix: str = "synth",
    txt_flavour: str | None = None,
    html_word_paste: bool | None = None,
    html_encoding: str | None = None,
    pdf_timeout: float = 600.0,
    gold_dir: Path | str | None = None,
) -> list[Written]:
    """Generate n reports into outdir, their truth files beside them or into gold_dir
    (the function behind `python -m xxgk_synth`)."""
    _check_formats(formats)
    reports = specs(
        n,
        seed,
        family=family,
        versions=versions,
        body_kinds=body_kinds,
        defect_rate=defect_rate,
        defects=defects,
        prefix=prefix,
    )
    options = []
    for s in reports:
        o = render_options(s.seed)
        options.append(
            RenderOptions(
                txt_flavour=txt_flavour or o.txt_flavour,
                wrap=o.wrap,
                html_word_paste=o.html_word_paste if html_word_paste is None else html_word_paste,
                html_encoding=html_encoding or o.html_encoding,
            )
        )
    return write(reports, Path(outdir), formats, options, pdf_timeout, Path(gold_dir) if gold_dir else None)
