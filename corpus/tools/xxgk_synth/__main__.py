"""python -m xxgk_synth OUTDIR --n N --seed S --formats txt,md,html,docx,pdf"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence

from extractor import template

from .corpus import generate
from .render import FORMATS
from .render.pdf import ConversionError
from .render.txt import FLAVOURS
from .report import DEFECTS
from .spec import BODY_KINDS, FAMILIES


def _list(text: str) -> list[str]:
    return [x.strip() for x in text.split(",") if x.strip()]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m xxgk_synth",
        description="Generate synthetic 政府信息公开工作年度报告 with their truth files (<name>.gold.json).",
    )
    p.add_argument("outdir", help="folder to write into (created if missing)")
    p.add_argument(
        "--gold-dir",
        default=None,
        help="folder for the truth files (default: beside the reports); a folder of reports alone can be "
        "audited as it is, since every file in a folder the tool is given is a result",
    )
    p.add_argument("--n", type=int, default=10, help="number of reports (default 10)")
    p.add_argument("--seed", type=int, default=0, help="seed of the whole corpus (default 0)")
    p.add_argument(
        "--formats",
        type=_list,
        default=["txt", "md", "html"],
        help=f"comma-separated, of {','.join(FORMATS)} (default txt,md,html)",
    )
    p.add_argument(
        "--family",
        choices=FAMILIES,
        default="train",
        help="phrasing family of the prose claims: train, heldout, or blind (written without sight of the rules)",
    )
    p.add_argument("--versions", type=_list, default=[], help="template versions to cycle through: 2021,2019")
    p.add_argument(
        "--body-kinds", type=_list, default=[], help=f"body kinds to cycle through: {','.join(BODY_KINDS)}"
    )
    p.add_argument(
        "--defect-rate", type=float, default=0.0, help="chance that a report gets one random defect"
    )
    p.add_argument(
        "--defects", type=_list, default=[], help=f"defects every report gets: {','.join(DEFECTS)}"
    )
    p.add_argument("--prefix", default="synth", help="file name prefix (default synth → synth-0001.txt)")
    p.add_argument(
        "--txt-flavour", choices=FLAVOURS, help="one txt flavour for all (default: drawn per report)"
    )
    p.add_argument(
        "--html-word-paste",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="Word-paste markup in html (default: drawn per report)",
    )
    p.add_argument(
        "--html-encoding", choices=("utf-8", "gbk"), help="html encoding (default: drawn per report)"
    )
    p.add_argument("--pdf-timeout", type=float, default=600.0, help="seconds per LibreOffice batch")
    p.add_argument("-q", "--quiet", action="store_true")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    checks = (
        (args.formats, FORMATS, "formats"),
        (args.versions, template.VERSIONS, "versions"),
        (args.body_kinds, BODY_KINDS, "body kinds"),
        (args.defects, DEFECTS, "defects"),
    )
    for given, known, what in checks:
        bad = [x for x in given if x not in known]
        if bad:
            parser().error(f"unknown {what} {bad}; known: {','.join(known)}")
    start = time.perf_counter()
    try:
        written = generate(
            args.outdir,
            args.n,
            args.seed,
            args.formats,
            family=args.family,
            versions=args.versions,
            body_kinds=args.body_kinds,
            defect_rate=args.defect_rate,
            defects=args.defects,
            prefix=args.prefix,
            txt_flavour=args.txt_flavour,
            html_word_paste=args.html_word_paste,
            html_encoding=args.html_encoding,
            pdf_timeout=args.pdf_timeout,
            gold_dir=args.gold_dir,
        )
    except (ValueError, ConversionError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        for w in written:
            print(
                w.spec.name,
                w.spec.version,
                w.spec.year,
                w.spec.body,
                " ".join(p.name for p in w.files.values()),
            )
        print(f"{len(written)} reports in {time.perf_counter() - start:.1f}s → {args.outdir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
