"""A thousands separator inside a table figure (984,361 or 984，361) is part of the figure: the run
does not stop at it and the cell reads the whole number; a comma not followed by exactly three
digits is not one."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from extractor.structure.runs import tokens, value_run


def cells(text: str) -> list[str]:
    found = value_run(text, 0, len(text))
    assert found is not None
    a, b = found
    return tokens(text[a:b], text[b:])


@given(st.integers(min_value=1000, max_value=10**12), st.sampled_from([",", "，"]))
def test_a_grouped_figure_is_one_cell(n: int, comma: str) -> None:
    grouped = f"{n:,}".replace(",", comma)
    assert cells(f"2笔 {grouped}元\n") == ["2笔", f"{n}元"]
    assert cells(f"{grouped}\n") == [str(n)]


def test_a_comma_before_other_than_three_digits_ends_the_figure() -> None:
    assert cells("12，3456\n") == ["12"]
    assert cells("5，其中政策文件3条") == ["5"]
    assert cells("7，12\n") == ["7"]


def test_a_count_with_its_unit_goes_on_past_a_wrapped_line_end() -> None:
    # a hard wrap put the line end between a row's two cells (2笔 / 984361元): still one run; an
    # item's number on the next line (3.其他, 3、) is the next row, not this row's cell
    assert cells("2笔\n 984361元 三、收到") == ["2笔", "984361元"]
    assert cells("2笔\n984361元\n") == ["2笔", "984361元"]
    assert cells("4件\n3.其他\t0") == ["4"]
    assert cells("4件 3、其他") == ["4"]
    assert cells("2笔 3.5万元\n") == ["2笔", "3.5万元"]
