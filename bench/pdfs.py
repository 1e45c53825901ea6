#!/usr/bin/env python3
"""PDFs made the way government sites make them, from the real reports whose gold we have.

    python bench/pdfs.py [--corpus ../shared/corpus] [--out /tmp/xxgk-pdfs] [--ways a,b] [--only x.html,y.md]
                         [--score fields,claims,issues]

The real corpus holds one PDF; the tool is judged on many. This renders every real html (and the
Markdown) report of the corpus into PDFs, several ways, each in its own folder OUTSIDE the repo
(`<out>/<way>/<name>.pdf`), beside a copy of the report's gold whose "file" names the PDF — so
`score.py fields|claims|issues --raw <out>/<way>` scores the PDFs against the same gold as the
original. The ways:

  chromium-a4         the portal's "print": `chromium --headless --print-to-pdf` on A4 portrait —
                      ruled tables, a running header (date, title) and footer (URL, "1/5") on
                      every page, tables broken across pages;
  chromium-landscape  the same on A4 landscape (wide pages, fewer breaks);
  chromium-short      the same on A5 landscape: pages as wide as A4 portrait and half as tall, so
                      tables break across several pages, rows cut by the break (A5 portrait clips
                      a portal's wide tables at the page edge: the PDF itself loses columns);
  soffice-html        LibreOffice opening the page and exporting a PDF (`--convert-to pdf`);
  soffice-docx        the page saved as Word (docx), then that exported as a PDF: what an office
                      makes of the report it wrote.

A Markdown report is first turned into a plain html page (headings, paragraphs, pipe tables).
With --score, each folder is then scored with ../shared/tools/score.py (fields, claims, issues) and
one table is printed: way × files read, fields exact, wrong values, claims P/R, issues found /
false errors, beside the originals' figures. Missing chromium or soffice: those ways are skipped.
Not a test: a measuring instrument (its figures go in the report of a change).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("XXGK_SHARED") or ROOT.parent / "shared")  # the shared corpus, spec and score.py
WAYS = ("chromium-a4", "chromium-landscape", "chromium-short", "soffice-html", "soffice-docx")
PAGE = {"chromium-a4": "A4 portrait", "chromium-landscape": "A4 landscape", "chromium-short": "A5 landscape"}
SOURCES = (".html", ".htm", ".md")


def golds(corpus: Path) -> dict[str, tuple[Path, dict]]:
    """Source file name → (gold path, gold) for every html/md report that has gold."""
    out: dict[str, tuple[Path, dict]] = {}
    for p in sorted(corpus.glob("*.gold.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        name = g.get("file", "")
        if Path(name).suffix.lower() in SOURCES and (corpus / name).exists():
            out[name] = (p, g)
    return out


def md_to_html(text: str) -> str:
    """Headings, paragraphs (one per source line, as the converter that wrote them broke them) and
    pipe tables — enough of Markdown for a report."""
    out: list[str] = ["<html><head><meta charset='utf-8'></head><body>"]
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            out.append("<table border='1' cellspacing='0'>")
            for r in rows:
                out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>")
            out.append("</table>")
            rows.clear()

    for line in text.splitlines():
        s = line.strip()
        if s.startswith("|"):
            cells = [c.strip() for c in s.strip("|").split("|")]
            if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c):
                rows.append(cells)
            continue
        flush()
        m = re.match(r"(#{1,6})\s+(.*)", s)
        if m:
            n = len(m.group(1))
            out.append(f"<h{n}>{html.escape(m.group(2))}</h{n}>")
        elif s:
            out.append(f"<p>{html.escape(s)}</p>")
    flush()
    out.append("</body></html>")
    return "\n".join(out)


def page_html(src: Path, page: str | None) -> str:
    """The page as html, with the paper size asked of the printer."""
    raw = src.read_bytes()
    if src.suffix.lower() == ".md":
        text = md_to_html(raw.decode("utf-8", errors="replace"))
    else:
        m = re.search(rb"charset=[\"']?([\w-]+)", raw[:4000], re.I)
        enc = m.group(1).decode() if m else "utf-8"
        try:
            text = raw.decode(enc, errors="replace")
        except LookupError:
            text = raw.decode("utf-8", errors="replace")
        # one charset only: the copy is written as utf-8
        text = re.sub(r"<meta[^>]*charset[^>]*>", "", text, flags=re.I)
    style = "<meta charset='utf-8'>"
    if page:
        style += f"<style>@page {{ size: {page}; }}</style>"
    if re.search(r"<head[^>]*>", text, re.I):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + style, text, count=1, flags=re.I)
    return style + text


def chromium(binary: str, src_html: Path, out: Path) -> bool:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
           f"--print-to-pdf={out}", src_html.as_uri()]
    try:
        subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return False
    return out.exists() and out.stat().st_size > 0


def soffice(binary: str, profile: Path, files: list[Path], to: str, outdir: Path, infilter: str | None) -> None:
    cmd = [binary, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", to, "--outdir", str(outdir), *map(str, files)]
    subprocess.run(cmd, capture_output=True, timeout=60 + 30 * len(files), check=False)


def render(corpus: Path, out: Path, ways: list[str], only: set[str] | None) -> dict[str, int]:
    found = golds(corpus)
    if only:
        found = {k: v for k, v in found.items() if k in only}
    made: dict[str, int] = {}
    chrome = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    with tempfile.TemporaryDirectory(prefix="xxgk-pdfs-") as tmp_s:
        tmp = Path(tmp_s)
        for way in ways:
            folder = out / way
            if (way.startswith("chromium") and not chrome) or (way.startswith("soffice") and not office):
                print(f"{way}: skipped ({'chromium' if way.startswith('chromium') else 'soffice'} not found)")
                continue
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            work = tmp / way
            work.mkdir()
            pages: list[Path] = []
            for name in found:
                stem = Path(name).stem
                p = work / f"{stem}.html"
                p.write_text(page_html(corpus / name, PAGE.get(way)), encoding="utf-8")
                pages.append(p)
            if way.startswith("chromium"):
                assert chrome
                for p in pages:
                    chromium(chrome, p, folder / f"{p.stem}.pdf")
            elif way == "soffice-html":
                assert office
                soffice(office, tmp / "lo", pages, "pdf:writer_pdf_Export", folder, "HTML (StarWriter)")
            elif way == "soffice-docx":
                assert office
                docx = work / "docx"
                docx.mkdir()
                soffice(office, tmp / "lo", pages, "docx:MS Word 2007 XML", docx, "HTML (StarWriter)")
                soffice(office, tmp / "lo", sorted(docx.glob("*.docx")), "pdf:writer_pdf_Export", folder, None)
            n = 0
            for name, (gpath, g) in found.items():
                pdf = folder / f"{Path(name).stem}.pdf"
                if pdf.exists():
                    n += 1
                    copy = dict(g, file=pdf.name)
                    (folder / gpath.name).write_text(json.dumps(copy, ensure_ascii=False, indent=1), encoding="utf-8")
            made[way] = n
            print(f"{way}: {n}/{len(found)} PDFs in {folder}", flush=True)
    return made


# ------------------------------------------------------------------------------- scoring


def score(kind: str, raw: Path, only: set[str] | None = None) -> str:
    cmd = [sys.executable, str(SHARED / "tools" / "score.py"), kind, "--raw", str(raw),
           "--tool", f"{sys.executable} -m extractor.cli"]
    if only:
        cmd += ["--only", ",".join(sorted(only))]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    return r.stdout + r.stderr


def tally(folder: Path, only: set[str] | None = None) -> dict[str, int]:
    """Fields and claims of the folder's reports against their gold, counted as score.py counts
    them, plus what score.py does not print: the files read, and the wrong values (a value read
    that is not the gold's — worse than an unread one)."""
    gs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))]
    gs = [g for g in gs if (folder / g["file"]).exists() and g.get("template") in ("2021", "2019")
          and (only is None or g["file"] in only)]
    cmd = [sys.executable, "-m", "extractor.cli", "extract", *(str(folder / g["file"]) for g in gs), "--format", "jsonl"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    res: dict[str, dict] = {}
    for line in r.stdout.splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            res[Path(str(obj.get("source", ""))).name] = obj
    t = {"files": len(gs), "read": 0, "fields": 0, "exact": 0, "wrong": 0, "tp": 0, "pred": 0, "gold": 0}
    for g in gs:
        got = res.get(g["file"], {})
        t["read"] += got.get("status") == "ok"
        fields = got.get("fields") or {}
        unc = set(g.get("uncertain_fields") or [])
        for key, val in g["fields"].items():
            if key in unc:
                continue
            t["fields"] += 1
            v = fields.get(key)
            v = v.get("value") if isinstance(v, dict) else v
            if v is None or val is None:
                t["exact"] += v is None and val is None
                continue
            try:
                ok = abs(float(v) - float(val)) < 1e-6
            except (TypeError, ValueError):
                ok = False
            t["exact"] += ok
            t["wrong"] += not ok
        gold_c = [(c["metric"], float(c["value"])) for c in g.get("claims", []) if c.get("value") is not None]
        metrics = {m for m, _ in gold_c} | KNOWN_METRICS
        pred_c = [(c.get("metric"), float(c["value"])) for c in (got.get("claims") or [])
                  if isinstance(c.get("value"), (int, float)) and c.get("metric") in metrics]
        rem = list(gold_c)
        for pc in pred_c:
            if pc in rem:
                rem.remove(pc)
                t["tp"] += 1
        t["pred"] += len(pred_c)
        t["gold"] += len(gold_c)
    return t


KNOWN_METRICS = {ln.split("`")[1] for ln in (SHARED / "spec" / "claims.md").read_text(encoding="utf-8").splitlines()
                 if ln.startswith("| `")} if (SHARED / "spec" / "claims.md").exists() else set()


def issues_line(text: str) -> str:
    m = re.search(r"real issues found: (\d+/\d+)[^;]*; false errors (\d+)", text)
    return f"{m.group(1)} / {m.group(2)}" if m else "?"


def row(way: str, t: dict[str, int], issues: str) -> str:
    p = t["tp"] / t["pred"] if t["pred"] else 0.0
    rc = t["tp"] / t["gold"] if t["gold"] else 0.0
    return (f"| {way} | {t['read']}/{t['files']} | {t['exact']}/{t['fields']} = {t['exact'] / max(t['fields'], 1):.4f} "
            f"| {t['wrong']} | {p:.3f} / {rc:.3f} | {issues} |")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "xxgk-pdfs")
    ap.add_argument("--ways", default=",".join(WAYS))
    ap.add_argument("--only", default="", help="source file names (html/md) to render")
    ap.add_argument("--no-render", action="store_true", help="score the folders already made")
    ap.add_argument("--score", action="store_true", help="score each folder (fields, claims) against its gold")
    ap.add_argument("--issues", action="store_true", help="with --score: also score.py issues (a batch check per folder)")
    ap.add_argument("--originals", action="store_true", help="with --score: the original html/md reports too")
    args = ap.parse_args()
    if args.out.resolve().is_relative_to(ROOT):
        sys.exit("--out must lie outside the repository")
    ways = [w for w in args.ways.split(",") if w]
    for w in ways:
        if w not in WAYS:
            sys.exit(f"unknown way {w!r}; the ways: {', '.join(WAYS)}")
    only = {s for s in args.only.split(",") if s} or None
    if not args.no_render:
        render(args.corpus, args.out, ways, only)
    if not args.score:
        return
    print("| way | files read | fields exact | wrong values | claims P / R | issues found / false errors |")
    print("| --- | --- | --- | --- | --- | --- |")
    folders = ([("original", args.corpus)] if args.originals else []) + [(w, args.out / w) for w in ways]
    for way, folder in folders:
        if not folder.is_dir():
            continue
        names = only
        if way == "original":
            names = only or set(golds(args.corpus))
        else:
            names = {f"{Path(n).stem}.pdf" for n in only} if only else None
        t = tally(folder, names)
        issues = "-"
        if args.issues:
            text = score("issues", folder, names)
            (args.out / f"{way}.issues.txt").write_text(text, encoding="utf-8")
            issues = issues_line(text)
        print(row(way, t, issues), flush=True)

if __name__ == "__main__":
    main()
