"""Configuration: found from the working directory upwards, checked, the command line on top."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import config
from extractor.check.catalogue import catalogue
from extractor.cli import app
from extractor.resources import rules_dir

BASE = rules_dir() / "catalogue" / "_base"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _defaults() -> Iterator[None]:
    yield
    config.install(None)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with a report that has blank cells (T306) and a wrong prose figure (P401), the
    working directory set to a subfolder of it."""
    text = (BASE / "base-2021.txt").read_text(encoding="utf-8")
    text = text.replace("全年共收到政府信息公开申请42件", "全年共收到政府信息公开申请47件")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "work").mkdir()
    from multiprocessing import forkserver

    from extractor.batch.runner import context

    if context().get_start_method() == "forkserver":  # started here, not in the temporary folder below
        forkserver.ensure_running()
    root = str(Path(__file__).resolve().parents[1])  # the workers import this checkout, whatever the cwd
    monkeypatch.syspath_prepend(root)
    monkeypatch.setenv("PYTHONPATH", root)
    monkeypatch.chdir(tmp_path / "work")
    return tmp_path


def rules_found(*args: str) -> list[str]:
    res = runner.invoke(app, ["check", *args, "--format", "jsonl", "-j", "1"])
    assert res.exit_code in (0, 1), res.output
    return [f["rule"] for line in res.stdout.splitlines() for f in json.loads(line)["findings"]]


def test_pyproject_upwards_is_honoured(project: Path) -> None:
    assert "P401" in rules_found("../reports")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.xxgk-audit]\nignore = ["P401"]\n',
                                            encoding="utf-8")
    assert "P401" not in rules_found("../reports")
    # the command line replaces the file's value
    assert "P401" in rules_found("../reports", "--ignore", "T306")


def test_own_file_wins_over_pyproject_and_config_option(project: Path) -> None:
    (project / "pyproject.toml").write_text('[tool.xxgk-audit]\nignore = ["P401"]\n', encoding="utf-8")
    (project / "work" / "xxgk-audit.toml").write_text('select = ["T3"]\n', encoding="utf-8")
    found = rules_found("../reports")
    assert all(r.startswith("T3") for r in found)
    other = project / "other.toml"
    other.write_text('[severity]\nP401 = "warning"\n', encoding="utf-8")
    res = runner.invoke(app, ["check", "../reports", "--config", str(other), "--format", "json", "-j", "1"])
    p401 = [f for o in json.loads(res.stdout) for f in o["findings"] if f["rule"] == "P401"]
    assert p401 and {f["severity"] for f in p401} == {"warning"}
    assert res.exit_code == 0, "no error left: the default fail-on passes"


def test_per_file_ignores_and_fail_on(project: Path) -> None:
    (project / "reports" / "b.txt").write_text((project / "reports" / "a.txt").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    (project / "xxgk-audit.toml").write_text('fail-on = "never"\n[per-file-ignores]\n"reports/b.*" = ["P4"]\n',
                                             encoding="utf-8")
    res = runner.invoke(app, ["check", "../reports", "--format", "jsonl", "-j", "1"])
    assert res.exit_code == 0
    objs = {Path(o["source"]).name: o for o in map(json.loads, res.stdout.splitlines())}
    assert "P401" in {f["rule"] for f in objs["a.txt"]["findings"]}
    assert not [f for f in objs["b.txt"]["findings"] if f["rule"].startswith("P4")]
    assert runner.invoke(app, ["check", "../reports", "--fail-on", "error", "-j", "1"]).exit_code == 1


@pytest.mark.parametrize("text, words", [
    ('ignor = ["T306"]\n', ["ignor", "未知的配置项"]),
    ('select = ["Q9"]\n', ["Q9"]),
    ('fail-on = "sometimes"\n', ["fail-on"]),
    ('[severity]\nT306 = "fatal"\n', ["T306", "fatal"]),
    ('[params.X807]\nthreshhold = 0.8\n', ["threshhold", "threshold"]),
    ('[params.X807]\nthreshold = "high"\n', ["X807.threshold"]),
    ('[params.T301]\nlimit = 1\n', ["T301"]),
    ('publication-deadline = "02-30"\n', ["publication-deadline"]),
    ('hierarchy = "nowhere.yaml"\n', ["hierarchy", "nowhere.yaml"]),
    ("select = [\n", ["TOML"]),
])
def test_bad_configuration_exits_2_with_a_clear_message(project: Path, text: str, words: list[str]) -> None:
    (project / "xxgk-audit.toml").write_text(text, encoding="utf-8")
    res = runner.invoke(app, ["check", "../reports"])
    assert res.exit_code == 2
    assert "Traceback" not in res.output
    for w in words:
        assert w in res.output


def test_params_are_validated_and_reach_the_rules(project: Path) -> None:
    declared = dict(catalogue()["X807"].params)
    (project / "xxgk-audit.toml").write_text(
        '[params.X807]\nthreshold = 1\nmin_chars = 100\n[params.X806]\nmin_share = 0.5\n', encoding="utf-8")
    cfg = config.load()
    assert cfg.params == {"X807": {"threshold": 1.0, "min_chars": 100}, "X806": {"min_share": 0.5}}
    config.install(cfg)
    assert catalogue()["X807"].params == {**declared, "threshold": 1.0, "min_chars": 100}
    config.install(None)
    assert catalogue()["X807"].params == declared, "the defaults come back"


def test_show_settings_says_where_each_value_came_from(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[tool.xxgk-audit]\nignore = ["T306"]\npublication-deadline = "3月31日"\nhierarchy = "bodies.yaml"\n'
        '[tool.xxgk-audit.params.X807]\nthreshold = 0.85\n', encoding="utf-8")
    (project / "bodies.yaml").write_text("{}\n", encoding="utf-8")
    res = runner.invoke(app, ["check", "../reports", "--show-settings", "--fail-on", "warning"])
    assert res.exit_code == 0
    lines = {line.split(" = ")[0]: line for line in res.stdout.splitlines() if " = " in line}
    where = str(project / "pyproject.toml")
    assert '["T306"]' in lines["ignore"] and where in lines["ignore"]
    assert '"warning"' in lines["fail-on"] and "命令行" in lines["fail-on"]
    assert '"03-31"' in lines["publication-deadline"] and where in lines["publication-deadline"]
    assert str(project / "bodies.yaml") in lines["hierarchy"]
    assert "默认" in lines["select"]
    assert "0.85" in res.stdout and "目录默认 0.9" in res.stdout


def test_settings_object_for_the_checks(project: Path) -> None:
    assert config.current().deadline is None and config.current().hierarchy is None  # 条例第四十九条 applies
    (project / "h.yaml").write_text("{}\n", encoding="utf-8")
    (project / "xxgk-audit.toml").write_text('publication-deadline = "02-15"\nhierarchy = "h.yaml"\n',
                                             encoding="utf-8")
    assert config.load().hierarchy == project / "h.yaml", "relative to the configuration file"
    cfg = config.with_options(config.load(), hierarchy=Path("/other.yaml"))
    config.install(cfg)
    assert config.current().deadline == (2, 15)
    assert config.current().hierarchy == Path("/other.yaml") and cfg.where("hierarchy") == config.COMMAND_LINE


def test_glob_matches() -> None:
    base = Path("/data/audit")
    assert config.matches("/data/audit/乡镇/a.txt", "乡镇/*", base)
    assert config.matches("/elsewhere/x/a.txt", "a.txt", base)
    assert config.matches("/data/audit/zips/r.zip!b/c.html", "*.html", base)
    assert not config.matches("/data/audit/部门/a.txt", "乡镇/*", base)


def test_shipped_pyproject_has_no_section(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).resolve().parents[1] / "pyproject.toml", tmp_path / "pyproject.toml")
    assert config.find(tmp_path) is None or config.find(tmp_path)[0] != tmp_path / "pyproject.toml"


def test_ignore_in_the_working_directorys_pyproject(project: Path) -> None:
    """The issue's own example: [tool.xxgk-audit] ignore = ["T306"] in ./pyproject.toml."""
    text = (project / "reports" / "a.txt").read_text(encoding="utf-8").replace("规章\t0\t0\t0", "规章\t/\t/\t/")
    (project / "reports" / "a.txt").write_text(text, encoding="utf-8")
    assert "T306" in rules_found("../reports")
    (project / "work" / "pyproject.toml").write_text('[tool.xxgk-audit]\nignore = ["T306"]\n', encoding="utf-8")
    found = rules_found("../reports")
    assert "T306" not in found and "P401" in found


def test_publication_deadline_sets_the_late_rule_deadlines(tmp_path: Path) -> None:
    from extractor.check.catalogue import catalogue
    from extractor.config import Config, install

    try:
        install(Config(publication_deadline="01-15"))
        params = catalogue()["Y610"].params
        assert params["department"] == "01-15" and params["government"] == "01-15"
    finally:
        install(None)
    assert catalogue()["Y610"].params["government"] == "03-31"
