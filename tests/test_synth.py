"""The corpus generator: consistent values, every format renders, truth matches the text."""

from __future__ import annotations

import io
import json
import re
import time
from pathlib import Path

import docx
import lxml.html
import pytest
from docx.oxml.ns import qn
from xxgk_synth import DEFECTS, FAMILIES, FORMATS, generate, random_report, render_bytes, render_options
from xxgk_synth import phrases as ph
from xxgk_synth.__main__ import main
from xxgk_synth.corpus import RenderOptions
from xxgk_synth.gold import field_keys
from xxgk_synth.prose import counterpart_keys, table_value
from xxgk_synth.render import pdf as pdf_render
from xxgk_synth.render.txt import FLAVOURS
from xxgk_synth.spec import ReportSpec

from extractor import template

SHARED = Path(__file__).resolve().parents[2] / "shared"
OFFICIAL_FORM = SHARED / "corpus" / "template-2021-form.docx"

CASES = [
    dict(version=v, body_kind=k, merged_other=m)
    for v in ("2021", "2019")
    for k in ("人民政府", "部门", "办公室")
    for m in (False, True)
]


def _reports(n: int = 40, **kw: object) -> list[ReportSpec]:
    return [random_report(seed, **CASES[seed % len(CASES)], **kw) for seed in range(n)]  # type: ignore[arg-type]


# ---------------------------------------------------------------- values


def identity_errors(spec: ReportSpec) -> list[str]:
    tpl = template.get(spec.version)
    v = spec.value
    errors = []
    cols = [c.key for c in tpl.t3_columns]
    rows = tpl.t3_row_keys(spec.merged_other)
    outcome = tpl.outcome_rows(spec.merged_other)
    for c in cols:
        if v(f"t3.new.{c}") + v(f"t3.carried_over.{c}") != v(f"t3.total.{c}") + v(f"t3.carried_forward.{c}"):
            errors.append(f"balance {c}")
        if v(f"t3.total.{c}") != sum(v(f"t3.{r}.{c}") for r in outcome):
            errors.append(f"outcomes {c}")
    for r in rows:
        if v(f"t3.{r}.total") != sum(v(f"t3.{r}.{c}") for c in cols if c != "total"):
            errors.append(f"row {r}")
    for g in tpl.t4_groups:
        parts = [o.key for o in tpl.t4_outcomes if o.key != "total"]
        if v(f"t4.{g.key}.total") != sum(v(f"t4.{g.key}.{o}") for o in parts):
            errors.append(f"t4 {g.key}")
    for k, x in spec.values.items():
        if x is not None and x < 0 and not k.endswith(".change"):
            errors.append(f"negative {k}")
    return errors


def test_values_satisfy_every_identity() -> None:
    for spec in _reports(300):
        assert identity_errors(spec) == [], (spec.seed, identity_errors(spec))
        assert spec.issues == []


def test_values_have_every_key_of_the_layout() -> None:
    for spec in _reports(24):
        tpl = template.get(spec.version)
        assert set(spec.values) == set(field_keys(spec))
        if not spec.merged_other:
            assert set(spec.values) == set(tpl.all_keys())
        else:
            assert "t3.other.total.total" in spec.values


def test_magnitudes_are_realistic() -> None:
    specs = _reports(300)
    cells = [x for s in specs for k, x in s.values.items() if k.startswith("t3.") and x is not None]
    zeros = sum(1 for x in cells if x == 0) / len(cells)
    assert zeros > 0.6  # most cells of 表三 are zero
    assert max(s.value("t3.new.total") for s in specs) >= 300  # a few large counts
    assert any(s.value("t3.new.total") == 0 for s in specs)


def test_same_seed_same_report() -> None:
    a, b = random_report(123), random_report(123)
    assert a == b
    opts = render_options(123)
    for fmt in ("txt", "md", "html", "docx"):
        assert render_bytes(a, fmt, opts) == render_bytes(b, fmt, opts)


# ---------------------------------------------------------------- claims


def test_self_claims_agree_with_the_tables() -> None:
    for spec in _reports(200):
        handled = table_value(spec, "applications.handled")
        for c in spec.claims:
            if c.scope != "self" or not counterpart_keys(spec, c.metric) or c.approx:
                continue
            natural = spec.value("t3.new.total") + spec.value("t3.carried_over.total")
            if c.metric == "applications.handled" and c.value == natural:
                continue  # 办理 N 件（含上年结转 M 件）: the natural sum 新收＋上年结转
            assert c.value == table_value(spec, c.metric), (spec.seed, c)
            if c.share is not None:
                assert abs(c.share - c.value * 100 / handled) < 0.06, (spec.seed, c)


def test_claims_cover_the_metrics_the_brief_names() -> None:
    seen = {(c.metric, c.scope, c.approx, c.share is not None) for s in _reports(300) for c in s.claims}
    metrics = {m for m, *_ in seen}
    for m in (
        "applications.new",
        "applications.handled",
        "applications.carried_forward",
        "applications.granted",
        "applications.partial",
        "applications.denied",
        "applications.unavailable",
        "reconsideration.total",
        "litigation.total",
        "normative_docs.issued",
        "proactive.items",
        "processing_fee.amount",
    ):
        assert m in metrics, m
    assert any(scope == "other" for _, scope, _, _ in seen)
    assert any(approx for _, _, approx, _ in seen)
    assert any(share for *_, share in seen)


def test_scope_other_claims_differ_from_the_table() -> None:
    for spec in _reports(200):
        for c in spec.claims:
            if c.scope == "other":
                assert c.value != table_value(spec, c.metric), (spec.seed, c)


# the regex of a phrasing as a family writes it: slots take only that family's fillers
_ME = "(?:我局|我委|我办|本机关|[区县市]政府)"


def _slot_rx(name: str, family: str) -> str:
    alts = [
        re.escape(v).replace(re.escape("{year}"), r"\d{4}").replace(re.escape("{me}"), _ME)
        for v in ph.slot(name, family)
    ]  # type: ignore[arg-type]
    return "(?:" + "|".join(alts) + ")"


def _phrasing_rx(text: str, family: str, units: list[str]) -> re.Pattern[str]:
    out = ""
    for tok in re.split(r"(\{[a-z_]+\})", text):
        if tok in ("{period}", "{total}", "{self}"):
            out += _slot_rx(tok[1:-1], family)
        elif tok in ("{n}", "{m}"):
            out += r" ?\d+(?:\.\d+)? ?"
        elif tok == "{u}":
            out += "(?:" + "|".join(map(re.escape, units)) + ")"
        elif tok == "{rl}":
            out += "[区县市]"
        else:
            assert not tok.startswith("{"), tok
            out += re.escape(tok)
    return re.compile(out)


def _family_patterns(family: str) -> list[re.Pattern[str]]:
    pats = []
    for m in ph.metrics():
        units = ph.units(m, family)  # type: ignore[arg-type]
        for kind in ("plain", "zero"):
            pats += [_phrasing_rx(p.template, family, units) for p in ph.claim_phrasings(m, family, kind)]  # type: ignore[arg-type]
    for e in ph.phrases()["scope_other"]:
        pats += [_phrasing_rx(t, family, [e["unit"]]) for t in e[family]]
        if e.get("with_part"):
            pats.append(_phrasing_rx(e["with_part"][family], family, [e["unit"]]))
    return pats


@pytest.mark.parametrize("family", FAMILIES)
def test_phrasing_families_do_not_overlap(family: str) -> None:
    """Every claim a family writes is one of its own phrasings and none of another family's
    (train vs heldout vs blind, each way)."""
    own = _family_patterns(family)
    foreign = {other: _family_patterns(other) for other in FAMILIES if other != family}
    for spec in _reports(200, family=family):
        for c in spec.claims:
            assert any(p.fullmatch(c.text) for p in own), c.text
            for other, pats in foreign.items():
                assert not any(p.fullmatch(c.text) for p in pats), (c.text, family, other)


def test_every_inventory_has_every_family() -> None:
    assert ph.missing_families() == []
    for m in ph.metrics():
        for kind in ("plain", "zero"):
            counts = {f: len(ph.claim_phrasings(m, f, kind)) for f in FAMILIES}
            if counts["train"] or counts["heldout"]:
                assert counts["blind"] >= max(counts["train"], counts["heldout"]), (m, kind, counts)
        if ph.claim_phrasings(m, "train"):
            assert len(ph.claim_phrasings(m, "blind")) >= 3, m
    assert len(ph.shares("blind")) >= len(ph.shares("heldout"))


def test_blind_family_is_written_and_varied(tmp_path: Path) -> None:
    blind = _reports(200, family="blind")
    assert all(s.family == "blind" for s in blind)
    seen = {(c.metric, c.scope, c.approx, c.share is not None) for s in blind for c in s.claims}
    assert any(scope == "other" for _, scope, _, _ in seen)
    assert any(approx for _, _, approx, _ in seen)
    assert any(share for *_, share in seen)
    assert {c.unit for s in blind for c in s.claims} >= {"件", "宗", "起", "元"}
    texts = {re.sub(r"\d+", "N", c.text) for s in blind for c in s.claims if c.metric == "applications.new"}
    assert len(texts) >= 8
    args = ["--n", "2", "--seed", "3", "--family", "blind", "--formats", "txt", "-q"]
    assert main([str(tmp_path), *args]) == 0
    assert len(list(tmp_path.glob("*.gold.json"))) == 2
    with pytest.raises(ValueError, match="family"):
        random_report(1, family="other")  # type: ignore[arg-type]


def test_phrasing_is_varied() -> None:
    texts = {
        re.sub(r"\d+", "N", c.text) for s in _reports(200) for c in s.claims if c.metric == "applications.new"
    }
    assert len(texts) >= 8
    assert any("受理" in t for t in texts) and any("收到" in t for t in texts)
    held = {c.unit for s in _reports(200, family="heldout") for c in s.claims}
    assert "宗" in held


def test_distractors_are_present_and_not_claims() -> None:
    specs = _reports(10)
    texts = ["".join(s.paragraphs()) for s in specs]
    for word in (
        "国务院令第711号",
        "1月1日",
        "电话",
        "一是",
        "第二十条",
        "国办函〔2020〕109号",
        "人次",
        "热线",
    ):
        assert any(word in t for t in texts), word
    for word in ("国务院令第711号", "1月1日", "电话", "一是"):
        assert all(word in t for t in texts), word
    assert not any(
        "电话" in c.text or "访问量" in c.text or "热线" in c.text for s in specs for c in s.claims
    )


# ---------------------------------------------------------------- defects


def test_each_defect_is_recorded_and_present() -> None:
    for i, defect in enumerate(DEFECTS):
        spec = random_report(1000 + i, defects=[defect], version="2021")
        kinds = {x.kind for x in spec.issues}
        assert spec.issues, defect
        if defect == "identity":
            assert identity_errors(spec)
            assert "identity" in kinds
        else:
            assert identity_errors(spec) == [], defect
        if defect == "prose_table":
            assert any(
                c.value != table_value(spec, c.metric)
                for c in spec.claims
                if c.scope == "self" and counterpart_keys(spec, c.metric)
            )
        if defect == "fee":
            assert spec.value("t3.other.unpaid_fee.total") > 0
            assert not any(c.metric == "processing_fee.amount" for c in spec.claims)
        if defect == "outdated_template":
            assert spec.version == "2019" and spec.year >= 2021


# ---------------------------------------------------------------- rendering


def visible_text(fmt: str, data: bytes) -> str:
    """The text a reader sees in the rendered file."""
    if fmt in ("txt", "md"):
        return data.decode("utf-8")
    if fmt == "html":
        head = data[:400].decode("ascii", errors="replace")
        charset = re.search(r'charset="?([\w-]+)', head)
        page = data.decode(charset.group(1) if charset else "utf-8")
        return str(lxml.html.fromstring(page).text_content())
    if fmt == "docx":
        d = docx.Document(io.BytesIO(data))
        body = d.element.body
        return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    raise ValueError(fmt)


OPTIONS = [
    RenderOptions(f, w, p, e)
    for f in FLAVOURS
    for w, p, e in ((False, False, "utf-8"), (True, True, "gbk"), (False, True, "utf-8"))
]


@pytest.mark.parametrize(
    "opts", OPTIONS, ids=lambda o: f"{o.txt_flavour}-{o.wrap}-{o.html_word_paste}-{o.html_encoding}"
)
def test_every_format_renders_with_claims_verbatim(opts: RenderOptions) -> None:
    for spec in _reports(12):
        for fmt in ("txt", "md", "html", "docx"):
            text = visible_text(fmt, render_bytes(spec, fmt, opts))
            assert spec.title in text
            for c in spec.claims:
                assert c.text in text, (fmt, spec.seed, c.text)
            for key in ("t3.new.total", "t3.total.total", "t4.reconsideration.total"):
                assert spec.text_of(key) in text


def test_txt_flavours() -> None:
    spec = random_report(3, version="2021")
    lines = render_bytes(spec, "txt", RenderOptions("lines")).decode()
    assert "\n\t（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\n" in lines
    assert "\n\t" + template.get("2021").t3_rows[0].label + "\n" in lines
    tabs = render_bytes(spec, "txt", RenderOptions("tabs")).decode()
    assert any(line.startswith("行政许可\t") for line in tabs.splitlines())
    scraped = render_bytes(spec, "txt", RenderOptions("scraped")).decode()
    body = scraped.splitlines()[4:]
    assert len(body) == 1  # the whole report on one line
    assert "\t" not in body[0]
    first_row = template.get("2021").t3_rows[0].label + "".join(
        spec.text_of(f"t3.new.{c.key}") for c in template.get("2021").t3_columns
    )
    assert first_row in body[0]  # cells fused without separators


def test_html_page_has_chrome_spans_and_encoding() -> None:
    spec = random_report(4, version="2021")
    page = render_bytes(spec, "html", RenderOptions(html_word_paste=True, html_encoding="gbk"))
    assert b'charset="gbk"' in page[:300]
    text = page.decode("gbk")
    assert text.index("<table") < text.index(spec.sections[0].title)  # the metadata table comes first
    assert 'rowspan="' in text and 'colspan="' in text
    assert "<o:p></o:p>" in text and "&nbsp;" in text
    assert re.search(r"\d</span><span[^>]*>\d", text)  # a number split over two spans
    assert "<nav" in text or 'class="nav"' in text
    tree = lxml.html.fromstring(text)
    tables = tree.findall(".//table")
    assert len(tables) == 4  # site metadata + 表二 表三 表四


def test_md_has_pipe_tables() -> None:
    text = render_bytes(random_report(6), "md", RenderOptions()).decode()
    assert text.count("|---|") >= 3
    assert "## 三、收到和处理政府信息公开申请情况" in text


# ---------------------------------------------------------------- docx structure


def merge_signature(table: docx.table.Table) -> list[list[tuple[int, str]]]:
    """Per row, per <w:tc>: (gridSpan, vMerge state) — the merge structure of a Word table."""
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            pr = tc.tcPr
            span = pr.find(qn("w:gridSpan")) if pr is not None else None
            vm = pr.find(qn("w:vMerge")) if pr is not None else None
            state = "" if vm is None else ("restart" if vm.get(qn("w:val")) == "restart" else "continue")
            row.append((int(span.get(qn("w:val"))) if span is not None else 1, state))
        rows.append(row)
    return rows


def _docx(spec: ReportSpec) -> docx.document.Document:
    return docx.Document(io.BytesIO(render_bytes(spec, "docx", RenderOptions())))


def test_docx_merges_like_the_official_form() -> None:
    d = _docx(random_report(8, version="2021"))
    t2, t3, t4 = (merge_signature(t) for t in d.tables)
    assert t2[0] == [(4, "")]  # 第二十条第（一）项 over the 4 grid columns
    assert t2[5] == [(1, ""), (3, "")]  # 信息内容 | 本年处理决定数量 spanning 3
    assert t3[0] == [(3, "restart"), (7, "")]  # identity note 3×3, 申请人情况 over 7
    assert t3[1] == [(3, "continue"), (1, "restart"), (5, ""), (1, "restart")]
    assert t3[2] == [(3, "continue"), (1, "continue")] + [(1, "")] * 5 + [(1, "continue")]
    assert t3[3][0] == (3, "")  # 一、本年新收… over 3 label columns
    assert t3[5][:2] == [(1, "restart"), (2, "")]  # 三、本年度办理结果 | （一）予以公开
    assert t3[7][:3] == [(1, "continue"), (1, "restart"), (1, "")]  # （三）不予公开 | 1.属于国家秘密
    assert [r[0] for r in t3[6:27]] == [(1, "continue")] * 21  # 三、 spans 22 rows
    assert t4[0] == [(5, ""), (10, "")]
    assert t4[1] == [(1, "restart")] * 5 + [(5, ""), (5, "")]
    d19 = _docx(random_report(8, version="2019"))
    t3_19 = merge_signature(d19.tables[1])
    assert len(t3_19) == 26 and t3_19[23][:2] == [(1, "continue"), (2, "")]  # one （六）其他处理 row


@pytest.mark.skipif(not OFFICIAL_FORM.is_file(), reason="shared/corpus/template-2021-form.docx not present")
def test_docx_merge_structure_equals_the_official_blank_form() -> None:
    official = docx.Document(str(OFFICIAL_FORM))
    ours = _docx(random_report(9, version="2021"))
    assert len(ours.tables) == len(official.tables) == 3
    for a, b in zip(ours.tables, official.tables, strict=True):
        assert merge_signature(a) == merge_signature(b)


def test_docx_cell_text() -> None:
    spec = random_report(10, version="2021")
    d = _docx(spec)
    t3 = d.tables[1]
    assert t3.cell(3, 9).text == spec.text_of("t3.new.total")
    assert t3.cell(26, 1).text == "（七）总计"


# ---------------------------------------------------------------- corpus and CLI


def test_cli_writes_reports_and_gold(tmp_path: Path) -> None:
    assert main([str(tmp_path), "--n", "3", "--seed", "2", "--formats", "txt,md,html,docx", "-q"]) == 0
    golds = sorted(tmp_path.glob("*.gold.json"))
    assert len(golds) == 3
    for g in golds:
        truth = json.loads(g.read_text(encoding="utf-8"))
        assert set(truth) >= {
            "file",
            "body",
            "year",
            "template",
            "fields",
            "field_notes",
            "uncertain_fields",
            "claims",
            "issues",
            "notes",
        }
        assert (tmp_path / truth["file"]).is_file()
        stem = g.name.removesuffix(".gold.json")
        for ext in ("txt", "md", "html", "docx"):
            assert (tmp_path / f"{stem}.{ext}").is_file()
        for c in truth["claims"]:
            assert set(c) == {"metric", "value", "unit", "text", "scope", "approx", "share"}
        assert all(v is None or isinstance(v, int | float) for v in truth["fields"].values())


def test_cli_rejects_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(SystemExit):
        main([str(tmp_path), "--formats", "txt,rtf"])


def test_generation_is_fast(tmp_path: Path) -> None:
    start = time.perf_counter()
    generate(tmp_path, 60, seed=4, formats=("txt", "md", "html"))
    assert time.perf_counter() - start < 15  # thousands per minute on a normal machine


def test_defect_rate_puts_issues_in_the_truth(tmp_path: Path) -> None:
    written = generate(tmp_path, 20, seed=5, formats=("txt",), defect_rate=1.0, family="heldout")
    assert all(w.spec.issues for w in written)
    truth = json.loads(written[0].gold.read_text(encoding="utf-8"))  # type: ignore[union-attr]
    assert truth["issues"] and truth["issues"][0]["kind"] in (
        "identity",
        "prose_table",
        "prose_internal",
        "year",
        "fee",
        "structure",
    )


@pytest.mark.slow
@pytest.mark.skipif(pdf_render.soffice() is None, reason="LibreOffice (soffice) not installed")
def test_pdf_conversion(tmp_path: Path) -> None:
    import pdfplumber

    written = generate(tmp_path, 2, seed=6, formats=("docx", "pdf"))
    for w in written:
        pdf = w.files["pdf"]
        assert pdf.read_bytes().startswith(b"%PDF")
        with pdfplumber.open(pdf) as p:
            text = "".join(page.extract_text() or "" for page in p.pages)
        flat = re.sub(r"\s+", "", text)
        for c in w.spec.claims:
            assert re.sub(r"\s+", "", c.text) in flat, c.text
        assert len(p.pages) >= 2


def test_pdf_without_soffice_raises_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_render.shutil, "which", lambda name: None)
    with pytest.raises(pdf_render.ConversionError, match="soffice"):
        generate(tmp_path, 1, seed=7, formats=("pdf",))


def test_formats_constant() -> None:
    assert FORMATS == ("txt", "md", "html", "docx", "pdf")


CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.mark.skipif(not (CORPUS / "ABOUT").is_file(), reason="no shipped corpus")
def test_shipped_corpus_matches_the_generator(tmp_path: Path) -> None:
    readme = (CORPUS / "ABOUT").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("python -m xxgk_synth "))
    args = command.split()[3:]
    assert args[0] == "corpus/reports"
    at = args.index("--formats")
    formats = [f for f in args[at + 1].split(",") if f != "pdf"]
    args[at + 1] = ",".join(formats)
    g = args.index("--gold-dir")
    assert args[g + 1] == "corpus/gold"
    args[g + 1] = str(tmp_path / "gold")
    assert main([str(tmp_path / "reports"), *args[1:], "-q"]) == 0
    fresh = sorted(f"{p.parent.name}/{p.name}" for p in tmp_path.glob("*/*"))
    assert fresh, "the README command wrote nothing"
    hint = f"corpus/ is stale: regenerate it with `{command}`"
    for name in fresh:
        ours, shipped = tmp_path / name, CORPUS / name
        assert shipped.is_file(), (name, hint)
        if name.endswith(".gold.json"):
            a = json.loads(ours.read_text(encoding="utf-8"))
            b = json.loads(shipped.read_text(encoding="utf-8"))
            b["files"] = [f for f in b.get("files", []) if not f.endswith(".pdf")]
            assert a == b, (name, hint)
        else:
            assert ours.read_bytes() == shipped.read_bytes(), (name, hint)
    for stem in {n.split("/")[1].split(".")[0] for n in fresh}:
        assert (CORPUS / "reports" / f"{stem}.pdf").is_file()
