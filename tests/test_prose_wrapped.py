"""A hard-wrapped report (PDF-to-text, e-mail: prose lines cut at ~35 characters, often inside a
word) gives the same claims and findings as its unwrapped original (issue 9, point 3): every prose
reader reads the one joined view (extract.claims.soft_breaks, nlp.join_soft) and maps offsets back.

Sentences written for the test (figures invented). `|` marks a line break: the flat report drops
it, the wrapped one puts a line break there — mid-word, where a converter cuts."""

from __future__ import annotations

import re

from extractor.check.enumerations import enumerations
from extractor.check.facts import claim_year
from extractor.check.prose import breakdowns
from extractor.model import Report
from tests.prose_cases import report_of

# running prose around each case, wrapped inside its words too (a wrapped report breaks most lines)
FILLER = ("本年度我局坚持以公开为常态、不公开为例外，|进一步健全政府信息公开工作机|制，"
          "明确分管领导和具体经办人员，|及时更新政府信息公开指南和目|录，"
          "认真做好政策解读和回应社会关|切工作，不断提升政务公开质量|和实效。")


def both(case: str) -> tuple[Report, Report]:
    flat = report_of(FILLER.replace("|", "") + case.replace("|", ""))
    wrapped = report_of(FILLER.replace("|", "\n") + case.replace("|", "\n"))
    assert "\n" in wrapped.text and wrapped.text.count("\n") > flat.text.count("\n")
    return flat, wrapped


def _claims(r: Report) -> list[tuple[str, float]]:
    return sorted((c.metric, float(c.value)) for c in r.claims)


def test_a_duration_cut_after_its_counter_is_not_a_count() -> None:
    # 「7个工\n作日」 is a time limit: read raw it was 7 个 licensing decisions (a false P401)
    case = "行政许可和行政处罚决定自作出之日起7个工|作日内向社会公示，做到应公开尽|公开。"
    flat, wrapped = both(case)
    assert _claims(wrapped) == _claims(flat)
    assert not any(c.metric.startswith("licensing") for c in wrapped.claims)
    assert sorted((m.value, m.unit, m.kind) for m in wrapped.mentions) == \
        sorted((m.value, m.unit, m.kind) for m in flat.mentions)


def test_a_year_before_the_line_break_labels_the_sentence() -> None:
    # Y604 reads the year a figure's sentence names: a soft line break does not end the sentence
    case = "（一）主动公开情况。2023年|制作、获取政府信息总数467条，其中主动公开政府信|息53条，依申请公开信息246条。"
    flat, wrapped = both(case)
    years_flat = sorted((c.metric, float(c.value), claim_year(flat, c)) for c in flat.claims)
    years_wrapped = sorted((c.metric, float(c.value), claim_year(wrapped, c)) for c in wrapped.claims)
    assert years_wrapped == years_flat
    assert any(y == 2023 for _m, v, y in years_wrapped if v == 53)


def test_a_partition_cut_inside_a_part_name_is_read() -> None:
    # P407: 「依申\n请公开」 is still the 公开属性 partition; the parts must add up to the total
    case = "2023年，共制作政府信息（文件）720份，其中主动公开150份、依申|请公开及不予公开500份。"
    flat, wrapped = both(case)

    def read(r: Report) -> list[tuple[int, list[int], bool]]:
        return [(int(b.total.value), [int(p.value) for p in b.parts], b.partition) for b in breakdowns(r)]

    assert read(wrapped) == read(flat) == [(720, [150, 500], True)]
    b = breakdowns(wrapped)[0]  # the evidence spans are the original's
    assert wrapped.text[b.total.start : b.total.end] == "720份"
    assert wrapped.text[b.parts[1].start : b.parts[1].end] == "500份"


def test_a_list_cut_inside_a_total_is_read() -> None:
    # P410: a total and its items, the total's words and an item cut across lines
    case = ("2023年，本局主动公开政|府信息300条，规范性文件类信息12条，行政许可类信|息40条，"
            "财政预决算类信息8条，其他应主动公开的政府信息230条。")
    flat, wrapped = both(case)

    def read(r: Report) -> list[tuple[int, list[int]]]:
        return [(int(e.total.value), [int(p.number.value) for p in e.parts]) for e in enumerations(r)]

    assert read(wrapped) == read(flat) == [(300, [12, 40, 8, 230])]
    e = enumerations(wrapped)[0]
    assert wrapped.text[e.total.start : e.total.end] == "300条"
    assert [wrapped.text[p.number.start : p.number.end] for p in e.parts] == ["12条", "40条", "8条", "230条"]


def _findings(r: Report) -> list[tuple[str, str]]:
    from extractor.check.engine import run

    return sorted((f.rule, re.sub(r"\s+", "", f.message)) for f in run(r))


def test_dates_cut_across_lines_are_read_whole() -> None:
    # Y607: last year's cut-off heading this year's figure (copied over), 截至 cut across lines
    case = "据统计，本局本年度公开工作推进有序，截|至2023年12月31日，本局共主动公开政府信息120条，均已在门户网站|专栏集中发布。"
    flat, wrapped = both(case)
    got = _findings(wrapped)
    assert got == _findings(flat)
    assert any(code == "Y607" for code, _m in got)


def test_the_whole_report_gives_the_same_findings() -> None:
    cases = ("行政许可和行政处罚决定自作出之日起7个工|作日内向社会公示。"
             "2023年，共制作政府信息（文件）720份，其中主动公开150份、依申|请公开及不予公开500份。"
             "本局主动公开政|府信息300条，规范性文件类信息12条，行政许可类信|息40条，"
             "其他应主动公开的政府信息230条。")
    flat, wrapped = both(cases)
    got = _findings(wrapped)
    assert got == _findings(flat)
    assert {"P407", "P410"} & {code for code, _m in got}


def test_a_soft_line_break_is_no_part_of_the_word_before_it() -> None:
    # 「主动公开的|173条」: the token before the break is the word 的 (the patterns match 的, not 的
    # and a break); its place in the text still covers the break; a break alone between two
    # figures (2019年|173条) is no token at all
    from extractor.extract.nlp import make_doc, view

    text = "2019年，本局主动公开的\n173条，2019年\n15件。"
    doc = make_doc(text, soft_newlines=True)
    v = view(doc)
    assert "\n" not in "".join(v.words)
    assert [t.text for t in doc][:7] == v.words[:7] and "的" in v.words
    k = v.words.index("的")
    assert text[v.idx[k] : v.end(k)] == "的\n" and v.end(k) == v.idx[k + 1]
    assert all(v.end(i) <= v.idx[i + 1] for i in range(len(v) - 1)) and v.end(len(v) - 1) == len(text)
    year = max(i for i, w in enumerate(v.words) if w == "2019年")
    assert v.words[year + 1] == "15件" and text[v.idx[year] : v.end(year)] == "2019年\n"
