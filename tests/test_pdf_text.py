"""Reports that reach an auditor as the text someone copied or converted out of a PDF (issue 9):
page furniture between a table's rows, radical forms in the text layer, rows broken over lines,
prose hard-wrapped at the page's width. Each text here is written for the test (the labels are the
template's, the figures made up); bench/pdftext.py measures the same classes on the real reports
printed as PDFs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from extractor.model import Report
from extractor.read.text import fold_layout, page_furniture, pdf_copy

T3_LABELS = [
    ("new", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "1.属于国家秘密"),
    ("denied.law_forbidden", "2.其他法律行政法规禁止公开"),
    ("denied.security_stability", "3.危及“三安全一稳定”"),
    ("denied.third_party", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息"),
    ("denied.process_info", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "7.属于行政执法案卷"),
    ("denied.admin_query", "8.属于行政查询事项"),
    ("unavailable.not_held", "1.本机关不掌握相关政府信息"),
    ("unavailable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unavailable.unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.mass_repeat", "4.无正当理由大量反复申请"),
    ("not_processed.confirm_reissue", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
    ("total", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
#: group labels printed on lines of their own before the rows they hold
GROUPS = {"granted": "三、本年度办理结果", "denied.state_secret": "（三）不予公开",
          "unavailable.not_held": "（四）无法提供", "not_processed.petition": "（五）不予处理",
          "other.no_correction": "（六）其他处理"}


def _t3_rows() -> dict[str, list[int]]:
    """Figures that hold the table's identities: 新收+结转 = 总计+结转下年, the outcomes add up."""
    rows = {k: [0] * 7 for k, _ in T3_LABELS}

    def put(key: str, np: int, com: int) -> None:
        rows[key] = [np, com, 0, 0, 0, 0, np + com]

    put("new", 31, 4)
    put("carried_over", 2, 0)
    put("granted", 11, 1)
    put("denied.internal_affairs", 1, 0)
    put("partial", 3, 0)
    put("denied.process_info", 2, 0)
    put("unavailable.not_held", 9, 2)
    put("unavailable.needs_creation", 1, 0)
    put("not_processed.duplicate", 2, 0)
    put("other.other", 2, 1)
    put("total", 31, 4)
    put("carried_forward", 2, 0)
    return rows


def report_text(rows: dict[str, list[int]] | None = None, row_line: Callable[[str, str, list[int]], str] | None = None,
                between: Callable[[int], list[str]] | None = None) -> str:
    """A 2021 report as a PDF's text gives it: one line per table row (label, then the figures
    separated by spaces) unless `row_line` writes a row otherwise; `between(i)` is put before the
    i-th row of 表三 (a page break's lines)."""
    rows = rows or _t3_rows()
    line = row_line or (lambda key, label, figs: label + " " + " ".join(map(str, figs)))
    out = [
        "某某县交通运输局2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本局依照条例做好政府信息公开工作，全年主动公开政府信息120条。",
        "二、主动公开政府信息情况",
        "第二十条第（一）项",
        "信息内容 本年制发件数 本年废止件数 现行有效件数",
        "规章 0 0 0",
        "行政规范性文件 3 1 17",
        "第二十条第（五）项",
        "信息内容 本年处理决定数量",
        "行政许可 45",
        "第二十条第（六）项",
        "信息内容 本年处理决定数量",
        "行政处罚 18",
        "行政强制 2",
        "第二十条第（八）项",
        "信息内容 本年收费金额（单位：万元）",
        "行政事业性收费 0",
        "三、收到和处理政府信息公开申请情况",
        "申请人情况",
        "自然人 法人或其他组织 总计",
        "商业企业 科研机构 社会公益组织 法律服务机构 其他",
    ]
    for i, (key, label) in enumerate(T3_LABELS):
        if between is not None:
            out += between(i)
        if key in GROUPS:
            out.append(GROUPS[key])
        out.append(line(key, label, rows[key]))
    out += [
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议 行政诉讼",
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
        "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0",
        "五、存在的主要问题及改进情况",
        "信息更新还不够及时，下一步将加强审核。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    return "\n".join(out) + "\n"


def _t3(r: Report) -> dict[str, Any]:
    return {k: f.value for k, f in r.fields.items() if k.startswith("t3.")}


def _fields(r: Report) -> dict[str, Any]:
    return {k: f.value for k, f in r.fields.items()}


def test_the_plain_text_reads_whole(build) -> None:
    """The yardstick of the tests below: the text with nothing of a PDF in it reads every row."""
    r = build(report_text())
    rows = _t3_rows()
    assert r.meta.template == "2021"
    assert r.fields["t3.unavailable.not_held.total"].value == 11
    assert r.fields["t3.new.commercial"].value == 4
    assert r.fields["t2.licensing.decisions"].value == 45
    assert all(r.fields[f"t3.{k}.total"].value == v[6] for k, v in rows.items())


# ---------------------------------------------------------------- page furniture


def _browser_break(i: int) -> list[str]:
    """A browser's print as a PDF viewer copies it: the header of the page (date, time and the
    page's title) and its footer (its address and "k/N") where the page ends — on every page."""
    if i % 6 != 5:
        return []
    k = i // 6 + 1
    return ["12/7/26, 2:06 PM 某某县交通运输局2023年政府信息公开工作年度报告_年报_某某县人民政府",
            f"file:///home/user/Downloads/report-2023.html {k}/6"]


def test_page_header_and_footer_between_rows_are_not_figures(build) -> None:
    """A table cut by page breaks whose footer ("…html 2/6", digits and a slash) and header (a date
    and a time) fall between its rows reads as the table without them: no row loses its figures to
    the page counter, none takes a figure of the date."""
    plain = build(report_text())
    paged = build(report_text(between=lambda i: _browser_break(i)))
    assert _fields(paged) == _fields(plain)


def test_page_furniture_is_blanked_in_place() -> None:
    """The furniture lines become spaces (one for one: offsets and line numbers hold); the title
    line of the report itself, and the rows, are kept."""
    text = report_text(between=lambda i: _browser_break(i))
    out = pdf_copy(text)
    assert len(out) == len(text) and out.count("\n") == text.count("\n")
    assert "2:06 PM" not in out and ".html" not in out
    assert out.startswith("某某县交通运输局2023年政府信息公开工作年度报告\n")
    assert "2.重复申请 2 0 0 0 0 0 2" in out


def test_page_number_lines_of_other_shapes() -> None:
    """第k页 共N页 and - k - footers are page counters too; counters that do not go up are not."""
    paras = ["春季开展培训。", "夏季更新目录。", "秋季检查栏目。", "冬季总结工作。"]
    body = "\n".join(f"{p}\n第 {i} 页 共 4 页" for i, p in enumerate(paras, 1))
    assert len(page_furniture(body)) == 4
    dashes = "\n".join(f"{p}\n- {i} -" for i, p in enumerate(paras, 1))
    assert len(page_furniture(dashes)) == 4
    same = "\n".join("比例 1/3" for _ in range(4))
    assert page_furniture(same) == []


def test_a_repeated_line_without_page_counters_is_kept() -> None:
    """Without a page counter nothing is furniture: a table's header line repeated in each block is
    the table's own."""
    text = "\n".join(["信息内容 本年处理决定数量", "行政许可 4"] * 4)
    assert page_furniture(text) == []
    assert pdf_copy(text) == text


# ---------------------------------------------------------------- radicals


def test_radical_forms_of_a_pdf_text_layer_read_as_the_characters(build) -> None:
    """A PDF's text layer writes ⾏ (KANGXI RADICAL WALK) for 行 and ⼀ for 一: copied out, the text
    reads as the page shows it (one character for one)."""
    text = report_text()
    radical = text.replace("行", "\u2f8f").replace("一", "\u2f00").replace("人", "\u2f08")
    assert radical != text
    assert pdf_copy(radical) == text
    assert _fields(build(radical)) == _fields(build(text))


# ---------------------------------------------------------------- labels and figures on separate lines


def _wrapped(key: str, label: str, figs: list[int]) -> str:
    """A row whose label the cell wrapped: the label over two lines, its figures on a third."""
    cut = max(4, len(label) - 2)
    return f"{label[:cut]}\n{label[cut:]}\n" + " ".join(map(str, figs))


def test_a_wrapped_label_with_its_figures_on_the_next_line_reads(build) -> None:
    """Every row printed label (wrapped) / figures: each group of figures follows its own label."""
    assert _fields(build(report_text(row_line=_wrapped))) == _fields(build(report_text()))


def test_figures_after_two_waiting_labels_are_not_given_to_the_nearer(build) -> None:
    """A PDF's text that wrote a row's wrapped label early, beside another row's (the cells of a
    merged group column come out of order): figures on a line of their own after two labels with
    none may be either row's. No row takes the other's figures: a value read is the true one."""
    truth = _fields(build(report_text()))
    text = report_text().replace(
        "5.属于三类内部事务信息 1 0 0 0 0 0 1",
        "5.属于三类内部事务信\n息\n1.本机关不掌握相关政\n府信息\n1 0 0 0 0 0 1").replace(
        "1.本机关不掌握相关政府信息 9 2 0 0 0 0 11", "9 2 0 0 0 0 11")
    got = _fields(build(text))
    wrong = {k: (v, truth[k]) for k, v in got.items() if v is not None and v != truth.get(k)}
    assert wrong == {}
    assert got["t3.denied.process_info.total"] == 2


def _numbered_apart(sep: str) -> Callable[[str, str, list[int]], str]:
    """A row whose item number (1.–8.) the PDF set in a column of its own: the label without it on
    one line, the number before the figures (`sep` between them: a space or a line break)."""

    def line(key: str, label: str, figs: list[int]) -> str:
        num, dot, rest = label.partition(".")
        if not dot or not num.isdigit():
            return f"{label}\n" + " ".join(map(str, figs))
        return f"{rest}\n{num}.{sep}" + " ".join(map(str, figs))

    return line


def test_an_item_number_before_the_figures_is_not_a_figure(build) -> None:
    """"1. 0 0 0 0 0 0 0" under its label: the 1. is the row's number, not an eighth figure; the
    row reads, whether the number stands beside the figures or on the line above them."""
    truth = _fields(build(report_text()))
    for sep in (" ", "\n"):
        assert _fields(build(report_text(row_line=_numbered_apart(sep)))) == truth


# ---------------------------------------------------------------- layout mode (pdftotext -layout)


def _layout(text: str, width: int = 90) -> str:
    """The text as a layout extraction gives it: each line indented and padded to the page's width,
    a line of spaces between lines, the figures of a row spread in columns, a prose line cut at the
    page's width inside a sentence."""
    out: list[str] = []
    for ln in text.split("\n"):
        if not ln:
            continue
        words = ln.split(" ")
        if len(words) > 1 and all(w.isdigit() for w in words[1:]):
            ln = words[0] + "      " + "    ".join(words[1:])  # columns
        pieces = [ln[i : i + 30] for i in range(0, len(ln), 30)] if not ln[-1].isdigit() else [ln]
        for p in pieces:
            out.append(("        " + p).ljust(width))
            out.append(" " * width)
    return "\n".join(out) + "\n"


def test_a_layout_text_reads_as_the_plain_one(build) -> None:
    """Padded lines, blank lines of spaces, figures in columns and sentences cut at the page's width:
    the same fields, and the claim the cut sentence makes."""
    plain = report_text().replace("本局依照条例做好政府信息公开工作，", "本局依照条例做好政府信息公开工作，认真落实，")
    laid = _layout(plain)
    assert "主动公开政府信息120条" not in laid  # the sentence is cut by the page's width
    r, want = build(laid), build(plain)
    assert _fields(r) == _fields(want)
    assert ("proactive.items", 120) in [(c.metric, c.value) for c in r.claims]


def test_a_padded_text_that_is_not_a_layout_is_left_alone() -> None:
    """A scraped text whose lines end with a space here and there is not a layout text."""
    from extractor.read.text import is_layout

    text = "\n".join(f"第{i}行的文字内容。" + (" " if i % 5 == 0 else "") for i in range(40))
    assert not is_layout(text)
    assert is_layout(_layout(report_text()))


def test_figures_set_below_their_sentence_go_back_into_its_gaps(build) -> None:
    """A layout extraction that set a sentence's figures (printed in another font, lower on the
    page) on a line of their own, each under the gap it was printed in: the figures go back into
    their gaps, and the claims read."""
    above = "        全年主动公开政府信息          条，其中规范性文件          件，依申请公开"
    at_1, at_2 = above.index("条") - 6, above.index("件，依") - 1  # in each gap, the second next to its unit
    below = (" " * at_1 + "120").ljust(at_2) + "7"
    body = report_text().replace("本局依照条例做好政府信息公开工作，全年主动公开政府信息120条。",
                                 "本局依照条例做好政府信息公开工作。")
    pad = max(len(above), len(below)) + 20
    laid = _layout(body).replace(" " * 90 + "\n", " " * 90 + "\n" + above.ljust(pad) + "\n" + below.ljust(pad) + "\n", 1)
    folded = fold_layout(laid)
    assert "全年主动公开政府信息 120 条，其中规范性文件 7件，依申请公开" in folded
    claims = [(c.metric, c.value) for c in build(laid).claims]
    assert ("proactive.items", 120) in claims


def test_figures_beside_a_wrapped_label_stay_on_their_line() -> None:
    """A table row whose figures stand right of a wrapped label (the label's line ends before them)
    keeps its figures on their own line: they fall in no gap of the label's line."""
    label = "        （二）部分公开（区分处理的，只".ljust(80)
    figs = (" " * 44 + "1   0  0  0   0    0   1").ljust(80)
    tail = "                计这一情形，不计其他情形）".ljust(80)
    assert fold_layout("\n".join([label, figs, tail]) + "\n").split("\n")[1] == "1 0 0 0 0 0 1"


# ---------------------------------------------------------------- words spaced from their figures


def test_a_change_in_words_spaced_from_its_figure_is_the_signed_figure(build) -> None:
    """A PDF's text puts a space between words and figures: 本年增/减 written "减 12" is -12, as
    "减12" is; a word after 减 is still no figure."""
    from test_fields_evidence import _r2019, _row

    assert _row(_r2019(build, fees=" 16 减 12"), "fees") == [16, -12]
    assert _row(_r2019(build, fees=" 16 增加 3"), "fees") == [16, 3]
    assert _r2019(build, fees=" 9 减少 事项").fields["t2.fees.change"].value is None


# ---------------------------------------------------------------- figures taken out of their sentence


def test_figures_taken_out_of_their_sentence_are_no_figures_of_it(build) -> None:
    """A plain extraction that set a sentence's figures on a line of their own: "…其中主动公开 /
    2023 150 60 / 份、依申请公开 份；". Which figure stood in which gap is lost: none is read as a
    figure of the words beside it (60 as the documents 依申请公开 would be a claim the report never
    made), and the text keeps its length and lines."""
    prose = "全年共制作政府信息 份，其中主动公开\n2023 150 60\n份、依申请公开及不予公开 份；收到申请 件。"
    text = report_text().replace("本局依照条例做好政府信息公开工作，全年主动公开政府信息120条。", prose)
    out = pdf_copy(text)
    assert len(out) == len(text) and "2023 150 60" not in out
    r = build(text)
    assert not [c for c in r.claims if c.value in (2023, 150, 60)]
    assert _fields(r) == _fields(build(report_text()))


def test_a_row_between_its_wrapped_label_lines_keeps_its_figures() -> None:
    """Figures between a wrapped label's lines, the label's last character a measure word alone on
    its line ("…行政查询事 / 0 0 0 0 0 0 0 / 项"): a table row, kept."""
    text = "8.属于行政查询事\n0 0 0 0 0 0 0\n项\n行政规范性文\n62 33 440\n件\n"
    assert pdf_copy(text) == text


# ---------------------------------------------------------------- a label wrapped around its figures


def _around(key: str, label: str, figs: list[int]) -> str:
    """The label's first line, six figures, the label's last line, the seventh figure (printed lower);
    the other rows are written on one line."""
    if key not in ("new", "carried_over", "partial", "not_processed.confirm_reissue"):
        return label + " " + " ".join(map(str, figs))
    cut = len(label) - 2
    return f"{label[:cut]}\n" + " ".join(map(str, figs[:6])) + f"\n{label[cut:]}\n{figs[6]}"


def test_figures_cut_in_two_by_their_own_wrapped_label_are_one_row(build) -> None:
    """"一、本年新收…申请 / 31 4 0 0 0 0 / 数量 / 35": the words between the two runs are the rest of
    the row's own label, so the seven figures are the row's."""
    assert _fields(build(report_text(row_line=_around))) == _fields(build(report_text()))


def test_figures_cut_by_other_words_are_not_joined(build) -> None:
    """Between the runs, words that do not continue the row's label: the runs stay apart, and no
    value read is a wrong one."""
    truth = _fields(build(report_text()))

    def other(key: str, label: str, figs: list[int]) -> str:
        return f"{label}\n" + " ".join(map(str, figs[:6])) + f"\n备注\n{figs[6]}"

    got = _fields(build(report_text(row_line=other)))
    assert {k: v for k, v in got.items() if v is not None and v != truth.get(k)} == {}
    assert got["t3.new.total"] is None


# ---------------------------------------------------------------- figures read on trust


def _swap_last_two(text: str) -> str:
    a, b = "（七）总计", "四、结转下年度继续办理"
    lines = text.split("\n")
    ia = next(i for i, ln in enumerate(lines) if ln.startswith(a))
    ib = next(i for i, ln in enumerate(lines) if ln.startswith(b))
    if lines[ia] == a:  # label / figures on two lines: the figures swap
        lines[ia + 1], lines[ib + 1] = lines[ib + 1], lines[ia + 1]
    else:
        fa, fb = lines[ia][len(a):], lines[ib][len(b):]
        lines[ia], lines[ib] = a + fb, b + fa
    return "\n".join(lines)


def test_rows_read_away_from_their_labels_are_dropped_when_the_table_does_not_add_up(build) -> None:
    """The last two rows' labels, then one run of both rows' figures in the order the PDF's text
    chose (the second row's first): read in template order, the table's identities fail, so which
    figures are whose is in doubt — those rows are left unread, never given another row's figures."""
    truth = _fields(build(report_text()))
    rows = _t3_rows()
    figs = " ".join(map(str, rows["carried_forward"] + rows["total"]))
    text = report_text().replace("（七）总计 31 4 0 0 0 0 35\n四、结转下年度继续办理 2 0 0 0 0 0 2",
                                 "（七）总计\n四、结转下年度继续办理\n" + figs)
    assert figs in text
    got = _fields(build(text))
    assert {k: v for k, v in got.items() if v is not None and v != truth.get(k)} == {}
    assert got["t3.total.total"] is None and got["t3.carried_forward.total"] is None
    assert got["t3.new.total"] == 35  # rows found by their labels keep their figures


def test_rows_beside_their_labels_keep_figures_that_do_not_add_up(build) -> None:
    """The same figures, each row on its label's line: the report's own arithmetic is what fails,
    and the rows are read as printed (the rules then say the sums fail)."""
    got = _fields(build(_swap_last_two(report_text())))
    assert got["t3.total.total"] == 2 and got["t3.carried_forward.total"] == 35


def test_a_layout_text_keeps_the_figures_it_cannot_put_back(build) -> None:
    """In a layout text a figures line under a sentence is put back by its columns, or left as it
    is when one of its figures fits no gap; it is never blanked as figures whose place is lost (the
    next line's figures, put back, would then stand alone in a sentence that lost the others)."""
    above = "     全年共制作政府信息（文件）          份，其中主动公开"
    below = (" " * (above.index("份") - 5) + "300").ljust(len(above) + 4) + "120"
    nxt = "     份、依申请公开及不予公开                份；"
    under = " " * (nxt.index("份；") - 4) + "180"
    body = report_text().replace("本局依照条例做好政府信息公开工作，全年主动公开政府信息120条。",
                                 "本局依照条例做好政府信息公开工作。")
    block = "\n".join(x.ljust(90) for x in (above, below, nxt, under)) + "\n"
    laid = _layout(body).replace(" " * 90 + "\n", " " * 90 + "\n" + block, 1)
    text = build(laid).text
    assert "300" in text and "120" in text and "依申请公开及不予公开 180 份" in text
