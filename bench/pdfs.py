#!/usr/bin/env python3
"""PDFs made the way government sites make them, from the real reports whose gold we have.

    python bench/pdfs.py [--corpus ../shared/corpus] [--out /tmp/xxgk-pdfs] [--ways a,b] [--only x.html,y.md]
                         [--no-render] [--score [--issues]]

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

And the other shapes government PDFs come in (Chromium, print CSS added to the page):

  chromium-thead      A5 landscape, each table's header rows (those before its first figure) in a
                      <thead>: repeated at the top of every page the table runs onto, rows split
                      by the breaks between;
  chromium-borderless A4, every border removed: tables with no ruling line (their grid is only
                      where the text stands — read from text positions, or honestly unread);
  chromium-wide-tables a portrait document whose tables stand on landscape pages of their own (CSS
                      named pages), the prose in 8pt and the tables in 13pt;
  chromium-narrow     A4, tables squeezed to 62% of the width in a larger font: labels wrap over
                      many lines in narrow columns, figures beside or below them;
  chromium-slash      A4, every table cell that holds 0 printed as "/" or "—" in turn; its gold has
                      those fields empty (null): a figure read there counts as a wrong value;
  chromium-watermark  A4, a pale watermark turned 30° across every page (仅供查阅 …);
  chromium-distributed A4, as Word's 分散对齐 prints: every table cell of words spread over its
                      width (申 请 人 情 况), headings' characters set apart (一、总 体 情 况),
                      every paragraph justified to its last line (a short line's characters far apart);
  chromium-letterspaced A4, as Word's 字符间距 加宽 prints: every character, figures too, set apart
                      by a third of its size;
  scan-last-page      A4, the last page (where the seal is stamped) an image: no text there;
  scan                A4, every page an image: the reader must say "no text layer" in Chinese
                      (files read 0 is the expected figure).

A Markdown report is first turned into a plain html page (headings, paragraphs, pipe tables).
With --score, each folder is then scored with ../shared/tools/score.py (fields, claims, issues) and
one table is printed: way × files read, fields exact, wrong values, claims P/R, issues found /
false errors, beside the originals' figures (a wrong value: a figure read that is not the gold's, or
where the gold has none). Missing chromium or soffice: those ways are skipped.
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
WAYS = ("chromium-a4", "chromium-landscape", "chromium-short", "soffice-html", "soffice-docx",
        "chromium-thead", "chromium-borderless", "chromium-wide-tables", "chromium-narrow", "chromium-slash",
        "chromium-watermark", "chromium-distributed", "chromium-letterspaced", "scan-last-page", "scan")
PAGE = {"chromium-a4": "A4 portrait", "chromium-landscape": "A4 landscape", "chromium-short": "A5 landscape",
        "chromium-thead": "A5 landscape", "chromium-borderless": "A4 portrait", "chromium-narrow": "A4 portrait",
        "chromium-slash": "A4 portrait", "chromium-watermark": "A4 portrait", "chromium-distributed": "A4 portrait",
        "chromium-letterspaced": "A4 portrait", "scan-last-page": "A4 portrait",
        "scan": "A4 portrait"}
#: print CSS of the ways that restyle the page (after the page's own: `!important` beats its inline styles)
CSS = {
    # every table a borderless grid: no ruling line at all, the columns only where the text stands
    "chromium-borderless": "table, tr, td, th { border: none !important; } table { border-collapse: collapse; }",
    # a portrait document whose tables stand on landscape pages of their own (a named page), the
    # prose in a small font and the tables in a large one
    "chromium-wide-tables": "@page { size: A4 portrait; } @page wide { size: A4 landscape; } table { page: wide; } "
                            "body, body p, body span { font-size: 8pt !important; line-height: 1.2 !important; } "
                            "table td, table td p, table td span { font-size: 13pt !important; }",
    # the tables squeezed into narrow columns: labels wrap over many lines, a figure below them
    "chromium-narrow": "table { width: 62% !important; table-layout: fixed !important; } "
                       "td, th { width: auto !important; word-break: break-all; } "
                       "td, td p, td span { font-size: 11pt !important; }",
    # a watermark across every page (position: fixed prints on each), turned 30°, pale
    "chromium-watermark": ".xxgk-wm { position: fixed; top: 38%; left: 8%; transform: rotate(-30deg); "
                          "font-size: 40pt; color: rgba(0,0,0,0.12); white-space: nowrap; z-index: 9; }",
    # Word's 分散对齐: a label cell's characters spread over the cell's width (申 请 人 情 况), a
    # heading's characters set apart (一、总 体 情 况), every paragraph justified to its last line
    # (a short line's characters far apart); the figures' cells as they were
    "chromium-distributed": "[data-xxgk=label], [data-xxgk=label] * { text-align: justify !important; "
                            "text-align-last: justify !important; text-indent: 0 !important; } "
                            "[data-xxgk=heading], [data-xxgk=heading] * { letter-spacing: 0.6em !important; } "
                            "p { text-align: justify !important; text-align-last: justify !important; }",
    # Word's 字符间距 加宽: every character, figures too, a third of its size apart from the next
    "chromium-letterspaced": "body, body * { letter-spacing: 0.3em !important; }",
}
WATERMARK = "<div class='xxgk-wm'>政府信息公开专用 仅供查阅</div>"
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


def page_html(src: Path, page: str | None, way: str = "") -> str:
    """The page as html, with the paper size asked of the printer and the way's restyling."""
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
    if way == "chromium-thead":
        text = re.sub(r"<table\b.*?</table>", lambda m: header_in_thead(m.group(0)), text, flags=re.I | re.S)
    elif way == "chromium-slash":
        text = slashed(text)
    elif way == "chromium-distributed":
        text = distributed(text)
    elif way == "chromium-watermark":
        text = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + WATERMARK, text, count=1, flags=re.I) \
            if re.search(r"<body[^>]*>", text, re.I) else WATERMARK + text
    if way in CSS:
        text = re.sub(r"(</head>)", lambda m: f"<style>{CSS[way]}</style>" + m.group(1), text, count=1, flags=re.I) \
            if re.search(r"</head>", text, re.I) else text + f"<style>{CSS[way]}</style>"
    if re.search(r"<head[^>]*>", text, re.I):
        return re.sub(r"(<head[^>]*>)", lambda m: m.group(1) + style, text, count=1, flags=re.I)
    return style + text


_CELL = re.compile(r"(<t[dh]\b[^>]*>)(.*?)(</t[dh]>)", re.I | re.S)


def _cell_text(inner: str) -> str:
    return re.sub(r"\s+|&nbsp;", "", html.unescape(re.sub(r"<[^>]+>", "", inner)))


def header_in_thead(table: str) -> str:
    """The table's header rows (its rows before the first that holds a figure, four at most) moved
    into a <thead>: Chromium repeats them at the top of every page the table runs onto."""
    rows = list(re.finditer(r"<tr\b.*?</tr>", table, flags=re.I | re.S))
    n = 0
    for r in rows[:4]:
        if any(re.fullmatch(r"\d+", _cell_text(c.group(2))) for c in _CELL.finditer(r.group(0))):
            break
        n += 1
    if n == 0 or n >= len(rows) - 1:
        return table
    head = "".join(r.group(0) for r in rows[:n])
    rest = table[: rows[0].start()] + table[rows[n - 1].end():]
    opening = re.match(r"<table\b[^>]*>", rest, flags=re.I)
    assert opening
    return rest[: opening.end()] + "<thead style='display: table-header-group'>" + head + "</thead>" + rest[opening.end():]


def slashed(text: str) -> str:
    """Every table cell that holds 0 printed as "/" or "—" in turn (a cell with nothing to count):
    the gold of the way has null there (`null_zeros`)."""
    n = 0

    def one(m: re.Match[str]) -> str:
        nonlocal n
        if _cell_text(m.group(2)) != "0":
            return m.group(0)
        n += 1
        inner = re.sub(r"(>|^)((?:\s|&nbsp;|\u3000)*)0((?:\s|&nbsp;|\u3000)*)(<|$)",
                       lambda k: k.group(1) + k.group(2) + ("/" if n % 2 else "—") + k.group(3) + k.group(4),
                       m.group(2), count=1)
        return m.group(1) + inner + m.group(3)

    return _CELL.sub(one, text)


_PARA = re.compile(r"(<p\b)([^>]*>)(.*?)(</p>)", re.I | re.S)
_HEADING = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")


def distributed(text: str) -> str:
    """The page marked for the distributed way's CSS: every table cell that holds words (not a
    figure alone) `data-xxgk=label`, every short paragraph that opens with a heading's number
    (一、 （二）) `data-xxgk=heading`."""

    def cell(m: re.Match[str]) -> str:
        words = _cell_text(m.group(2))
        if not words or re.fullmatch(r"[\d.,%/—-]+", words):
            return m.group(0)
        return m.group(1)[:-1] + " data-xxgk=label>" + m.group(2) + m.group(3)

    def para(m: re.Match[str]) -> str:
        words = _cell_text(m.group(3))
        if not _HEADING.match(words) or len(words) > 30:
            return m.group(0)
        return m.group(1) + " data-xxgk=heading" + m.group(2) + m.group(3) + m.group(4)

    return _PARA.sub(para, _CELL.sub(cell, text))


def null_zeros(g: dict, in_cells: set[str]) -> dict:
    """The gold of a report printed with "/" or "—" for the zeros of its table cells: those fields
    (`in_cells`: the ones the original's reading takes from a table cell) are empty."""
    return dict(g, fields={k: (None if v == 0 and k in in_cells else v) for k, v in g["fields"].items()})


def cell_fields(corpus: Path, names: list[str]) -> dict[str, set[str]]:
    """Source file name → the fields its reading takes from a table cell (evidence in a grid)."""
    cmd = [sys.executable, "-m", "extractor.cli", "extract", *(str(corpus / n) for n in names), "--format", "jsonl"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    out: dict[str, set[str]] = {}
    for line in r.stdout.splitlines():
        if line.startswith("{"):
            obj = json.loads(line)
            out[Path(str(obj.get("source", ""))).name] = {
                k for k, v in (obj.get("fields") or {}).items() if isinstance(v, dict) and "grid" in v}
    return out


def scanned(pdf: Path, out: Path, last_only: bool) -> bool:
    """The PDF as a scan: its pages (or only its last, the signed and stamped page) as images, no
    text layer there."""
    import pypdfium2

    src = pypdfium2.PdfDocument(str(pdf))
    try:
        n = len(src)
        dst = pypdfium2.PdfDocument.new()
        for i in range(n):
            if last_only and i < n - 1:
                dst.import_pages(src, [i])
                continue
            page = src[i]
            w, h = page.get_size()
            bitmap = page.render(scale=100 / 72, grayscale=True)
            image = pypdfium2.PdfImage.new(dst)
            image.set_bitmap(bitmap)
            image.set_matrix(pypdfium2.PdfMatrix().scale(w, h))
            new = dst.new_page(w, h)
            new.insert_obj(image)
            new.gen_content()
            page.close()
        dst.save(str(out))
        dst.close()
    finally:
        src.close()
    return out.exists()


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
            if (way.startswith(("chromium", "scan")) and not chrome) or (way.startswith("soffice") and not office):
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
                p.write_text(page_html(corpus / name, PAGE.get(way), way), encoding="utf-8")
                pages.append(p)
            if way.startswith(("chromium", "scan")):
                assert chrome
                for p in pages:
                    if way.startswith("scan"):
                        printed = work / f"{p.stem}.pdf"
                        if chromium(chrome, p, printed):
                            scanned(printed, folder / f"{p.stem}.pdf", way == "scan-last-page")
                    else:
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
            in_cells = cell_fields(corpus, list(found)) if way == "chromium-slash" else {}
            n = 0
            for name, (gpath, g) in found.items():
                pdf = folder / f"{Path(name).stem}.pdf"
                if pdf.exists():
                    n += 1
                    if way == "chromium-slash":
                        g = null_zeros(g, in_cells.get(name, set()))
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
                t["wrong"] += val is None and v is not None  # a figure read where the report prints none
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
