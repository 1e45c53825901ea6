"""Run once after merging the claims and checks branches: appends the pending cases to their rules and
updates the expectations the checks branch changes (replace.yaml), then this folder can go."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

HERE = Path(__file__).parent
CATALOGUE = HERE.parents[1] / "rules" / "catalogue"

for f in sorted(HERE.glob("*.yaml")):
    if f.name == "replace.yaml":
        continue
    rule = CATALOGUE / f.name
    text = rule.read_text(encoding="utf-8")
    if "\ncases:\n" not in text:
        rule.write_text(text.rstrip("\n") + "\n" + f.read_text(encoding="utf-8"), encoding="utf-8")
for code, cases in yaml.safe_load((HERE / "replace.yaml").read_text(encoding="utf-8")).items():
    rule = CATALOGUE / f"{code}.yaml"
    text = rule.read_text(encoding="utf-8")
    for name, line in cases.items():
        pat = re.compile(rf"(- name: {re.escape(name)}\n(?:    .*\n)*?)    expect: .*\n")
        text, n = pat.subn(lambda m, line=line: m.group(1) + "    " + line.strip() + "\n", text, count=1)
        assert n == 1, (code, name)
    rule.write_text(text, encoding="utf-8")
