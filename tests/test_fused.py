"""Digit runs that lost their separators, split with the template's identities."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.structure.fused import row_sum, splits, t4_sums


def test_unique_split_of_a_table_row() -> None:
    assert splits(["15130000154"], 7, row_sum) == [(151, 3, 0, 0, 0, 0, 154)]


def test_table_four_split_by_its_three_sums() -> None:
    assert splits(["21317000001324019"], 15, t4_sums) == [(2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19)]


def test_partly_separated_tokens() -> None:
    assert splits(["0", "0", "00", "0", "0", "0"], 7, row_sum) == [(0,) * 7]


def test_no_leading_zeros_and_signs_stay_with_their_cell() -> None:
    got = splits(["2648", "-18538"], 3)
    assert (2648, -18, 538) in got and all(len(str(abs(v))) == len(str(v).lstrip("-")) for r in got for v in r)
    assert not any(r == (2, 648, -18538) and False for r in got)


def test_ambiguous_run_gives_every_reading() -> None:
    got = splits(["6233440"], 3)
    assert (62, 33, 440) in got and len(got) > 1  # the caller must not pick one


rows = st.lists(st.integers(0, 400), min_size=6, max_size=6).map(lambda xs: (*xs, sum(xs)))


@settings(max_examples=300, deadline=None)
@given(rows)
def test_the_true_row_is_always_among_the_readings(row: tuple[int, ...]) -> None:
    run = "".join(str(v) for v in row)
    got = splits([run], 7, row_sum)
    assert row in got
    assert all(sum(r[:6]) == r[6] for r in got)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 9), min_size=6, max_size=6))
def test_single_digit_cells_have_one_reading(cells: list[int]) -> None:
    total = sum(cells)
    if total > 9:
        return
    row = (*cells, total)
    assert splits(["".join(map(str, row))], 7, row_sum) == [row]


@settings(max_examples=200, deadline=None)
@given(rows)
def test_cutting_with_the_sums_finds_exactly_what_trying_every_cut_finds(row: tuple[int, ...]) -> None:
    from extractor.structure.fused import sum_splits

    run = "".join(str(v) for v in row)
    assert set(sum_splits([run], (7,))) == set(splits([run], 7, row_sum))


t4_rows = st.lists(st.integers(0, 60), min_size=12, max_size=12).map(
    lambda xs: tuple(v for g in range(3) for v in (*xs[g * 4 : g * 4 + 4], sum(xs[g * 4 : g * 4 + 4]))))


@settings(max_examples=100, deadline=None)
@given(t4_rows)
def test_table_four_runs_are_cut_group_by_group(row: tuple[int, ...]) -> None:
    from extractor.structure.fused import sum_splits

    got = sum_splits(["".join(str(v) for v in row)], (5, 5, 5))
    assert row in got and all(t4_sums(r) for r in got)


def test_a_long_run_is_cut_with_the_sums_not_by_trying_every_cut() -> None:
    from extractor.structure.fused import sum_splits

    row = (1234, 5678, 91011, 1213, 1415, 1617, 1234 + 5678 + 91011 + 1213 + 1415 + 1617)
    assert row in sum_splits(["".join(map(str, row))], (7,))  # 30 digits: C(29, 6) cuts otherwise


# ---------------------------------------------------------------- runs whose sums do not hold


def _scraped(replace: str, run: str) -> str:
    """A scraped page (everything on one line) where the run of digits after `replace` is `run`."""
    from xxgk_synth import random_report
    from xxgk_synth.corpus import RenderOptions, render_bytes

    spec = random_report(3, version="2021")
    text = render_bytes(spec, "txt", RenderOptions("scraped")).decode("utf-8")
    i = text.index(replace, text.index("三、收到和处理政府信息公开申请情况")) + len(replace)
    j = i
    while text[j].isdigit():
        j += 1
    assert j > i
    return text[:i] + run + text[j:]


def _check(text: str) -> tuple[dict[str, object], list[tuple[str, str]]]:
    from extractor.check.engine import run
    from extractor.pipeline import run_stages
    from extractor.read import read_bytes

    r = run_stages(read_bytes(text.encode("utf-8"), "t.txt", ".txt"), upto="extract")
    found = run(r, strict=True)
    return ({k: f.value for k, f in r.fields.items()},
            [(f.rule, f.message) for f in found if f.rule in ("S107", "T303", "T304", "T308")])


def test_a_row_that_cuts_one_way_is_read_though_its_sum_fails() -> None:
    # 1+0+0+0+0+0 ≠ 2: no reading holds the sum, but seven digits in seven cells cut one way only
    fields, found = _check(_scraped("（一）予以公开", "1000002"))
    assert fields["t3.granted.natural_person"] == 1 and fields["t3.granted.total"] == 2
    assert "T303" in [r for r, _ in found]


def test_a_row_with_blank_cells_is_not_forced_into_one_digit_per_cell() -> None:
    # 43/12/空/空/空/3/58 holds the sum: reading 4/3/1/2/3/5/8 instead would be a false T303
    fields, found = _check(_scraped("（一）予以公开", "4312358"))
    assert fields.get("t3.granted.natural_person") != 4
    assert not [m for r, m in found if r == "T303" and "予以公开" in m]


def test_a_table_four_whose_sums_fail_is_unread_not_missing() -> None:
    fields, found = _check(_t4("1000110001110012"))
    assert not [k for k in fields if k.startswith("t4.")]
    rules = [r for r, _ in found]
    assert "S107" not in rules and "T308" in rules
    assert any("表四的数字“1000110001110012”" in m for _, m in found)


def _t4(run: str) -> str:
    from xxgk_synth import random_report
    from xxgk_synth.corpus import RenderOptions, render_bytes

    spec = random_report(3, version="2021")
    text = render_bytes(spec, "txt", RenderOptions("scraped")).decode("utf-8")
    i = text.rfind("总计", 0, text.index("五、")) + 2
    j = i
    while text[j].isdigit():
        j += 1
    return text[:i] + run + text[j:]


def test_a_blank_last_row_of_table_two_is_a_blank_row_not_a_missing_one() -> None:
    from xxgk_synth import random_report
    from xxgk_synth.corpus import RenderOptions, render_bytes

    from extractor.check.engine import run
    from extractor.pipeline import run_stages
    from extractor.read import read_bytes

    spec = random_report(5, version="2019")
    for key, mark in (("t2.procurement.projects", "无"), ("t2.procurement.amount", "无")):
        spec.values[key] = None
        spec.cell_text[key] = mark
    text = render_bytes(spec, "txt", RenderOptions("scraped")).decode("utf-8")
    assert "政府集中采购无无三、" in text  # the row, then straight on to part 三
    r = run_stages(read_bytes(text.encode("utf-8"), "t.txt", ".txt"), upto="extract")
    assert r.fields["t2.procurement.projects"].value is None and "t2.procurement.amount" in r.fields
    assert "S108" not in {f.rule for f in run(r, strict=True)}


def test_blank_cells_marked_wu_inside_a_fused_row_are_blanks_not_the_end_of_the_row() -> None:
    from extractor.pipeline import run_stages
    from extractor.read import read_bytes

    text = _scraped("本年新收政府信息公开申请数量", "1")  # then: 无无无无无 would follow in a real page
    i = text.index("本年新收政府信息公开申请数量") + len("本年新收政府信息公开申请数量")
    j = text.index("二、上年结转", i)
    text = text[:i] + "1无无无无无1" + text[j:]
    r = run_stages(read_bytes(text.encode("utf-8"), "t.txt", ".txt"), upto="structure")
    assert r.fields["t3.new.natural_person"].value == 1 and r.fields["t3.new.total"].value == 1
    assert r.fields["t3.new.commercial"].value is None
    # 无 that starts a word is a label, never a blank: （四）无法提供 still reads as its row
    assert "t3.unavailable.not_held.total" in r.fields
