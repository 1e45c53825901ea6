"""A small batch across years and bodies, built in a temporary folder for the batch tests.

From the catalogue's example reports (fictional bodies) and the generator:

- 青岚县人民政府 2022 and 2023: a clean pair;
- 白石县人民政府 2022 and 2023: 2023 is 青岚's 2023 report under another name (same text, same
  figures: X807, X808 against 青岚 2023), and its 上年结转 does not match 2022's 结转下年度 (X801);
- 青山县人民政府 2022 and 青山县人民政府办公室 2023: the office reports for the government (paired,
  noted), and the stock of 规范性文件 does not carry over (X802);
- generated reports in Markdown, HTML and DOCX; an empty file; a text that is not a report.
"""

from __future__ import annotations

from pathlib import Path

from extractor.resources import rules_dir

BASE = rules_dir() / "catalogue" / "_base"


def _base(name: str) -> str:
    return (BASE / name).read_text(encoding="utf-8")


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return text


def make_batch(folder: Path, synth: int = 6) -> dict[str, Path]:
    from xxgk_synth import render_bytes, render_options
    from xxgk_synth.corpus import specs

    folder.mkdir(parents=True, exist_ok=True)
    y22, y23 = _base("base-2022.txt"), _base("base-2021.txt")
    files = {
        "qinglan/2022.txt": y22,
        "qinglan/2023.txt": y23,
        "baishi/2022.txt": _edit(y22, ("青岚县人民政府", "白石县人民政府"),
                                 ("一、本年新收政府信息公开申请数量\t37\t2\t0\t0\t0\t1\t40",
                                  "一、本年新收政府信息公开申请数量\t38\t2\t0\t0\t0\t1\t41"),
                                 ("四、结转下年度继续办理\t3\t0\t0\t0\t0\t0\t3", "四、结转下年度继续办理\t4\t0\t0\t0\t0\t0\t4")),
        "baishi/2023.txt": _edit(y23, ("青岚县人民政府", "白石县人民政府")),
        "qingshan/2022.txt": _edit(y22, ("青岚县人民政府", "青山县人民政府"),
                                   ("行政规范性文件\t5\t1\t44", "行政规范性文件\t5\t1\t40")),
        "qingshan/2023-office.txt": _edit(y23, ("青岚县人民政府2023年", "青山县人民政府办公室2023年"),
                                          ("青岚县人民政府", "青山县人民政府")),
        "misc/empty.txt": "",
        "misc/minutes.txt": "会议纪要\n今天讨论了食堂菜单和停车位安排。\n",
    }
    out = {}
    for rel, text in files.items():
        p = folder / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
        out[rel] = p
    for k, spec in enumerate(specs(n=synth, seed=4242)):
        fmt = ("md", "html", "docx")[k % 3]
        p = folder / "synth" / f"{spec.name}.{fmt}"
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(render_bytes(spec, fmt, render_options(k)))
        out[f"synth/{p.name}"] = p
    return out


def tree(root: Path, skip: tuple[str, ...] = ("store.sqlite",)) -> dict[str, bytes]:
    """Every file under `root` (relative POSIX path → bytes), the store left out."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.name.startswith(skip)}
