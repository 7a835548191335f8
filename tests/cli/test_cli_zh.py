"""The `exercise` command in Traditional Chinese: chosen once for every sub-command (the global
`--lang`, `EXERCISE_LANG`, a zh_TW / zh_Hant locale), nothing left in English on the shipped
packs and on a broken one, and English exactly as before when nobody asks for Chinese."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from exercise.cli import build_parser, main
from exercise.cli.language import language_from_environment
from exercise.i18n import catalogue
from exercise.scenario.loader import load_pack
from exercise.scenario.shipped import default_scenarios_dir
from exercise.scenario.summary import summary_lines
from exercise.scenario.text import LANGUAGES
from tests.words_check import english_left, pack_names

PACKS = sorted(default_scenarios_dir().glob("*.yaml"))
LOCATED = re.compile(r"^\S+\.ya?ml:\d+(:\d+)?[:\s]")  # a pack problem: file:line:column first
BROKEN = """format_version: 1
metadata:
  id: broken-pack
  title: Broken
  hazards: [typhoon]
  setting: somewhere
  summary: a pack with mistakes
  duration: 60
areas:
  - {id: town, name: Town}
agencies:
  - {id: eoc, name: EOC, level: locall, sector: emergency, area: town}
channels:
  - {id: phone, kind: landline}
modules:
  - {id: M1, title: One, start: T+00:00, situation: Rain}
"""
COMMAND = {"exercise"}  # the name of the command, as typed
BROKEN_NAMES = COMMAND | {"broken", "pack", "Broken", "town", "Town", "eoc", "phone", "locall", "yaml"}


@pytest.fixture(autouse=True)
def english_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No language from the machine running the tests."""
    for name in ("EXERCISE_LANG", "LC_ALL", "LANG"):
        monkeypatch.delenv(name, raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def split(text: str) -> tuple[str, str]:
    """(the command's own lines, the located pack problems it passes on)."""
    lines = text.splitlines()
    return ("\n".join(line for line in lines if not LOCATED.match(line)),
            "\n".join(line for line in lines if LOCATED.match(line)))


def names(pack: Path) -> set[str]:
    return pack_names(load_pack(pack).valid_pack) | {pack.stem, "yaml"} | COMMAND


# --- nothing left in English -------------------------------------------------------------


def test_validate_speaks_chinese_on_every_shipped_pack(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--lang", "zh-TW", "validate", default_scenarios_dir())
    assert code == 0 and err == ""
    allowed = set().union(*(names(p) for p in PACKS))
    own, _ = split(out)
    assert own.count("：通過") == len(PACKS)
    assert "背景：" in own and "想定時間：T+" in own
    assert english_left(own, allowed) == []


def test_validate_problems_on_shipped_packs_speak_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--lang", "zh-TW", "validate", default_scenarios_dir())
    _, problems = split(out)
    assert english_left(problems, set().union(*(names(p) for p in PACKS))) == []


@pytest.mark.parametrize("command", ["info", "rehearse", "doctor"])
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.stem)
def test_pack_commands_speak_chinese(capsys: pytest.CaptureFixture[str], command: str, pack: Path) -> None:
    code, out, err = run(capsys, "--lang", "zh-TW", command, pack)
    assert code in (0, 1) and out.strip()  # doctor exits 1 when a finding is an error
    assert english_left(out + err, names(pack)) == []


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.stem)
def test_network_speaks_chinese(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, err = run(capsys, "--lang", "zh-TW", "network", pack, "--what-if")
    assert code == 0
    for heading in ("網路指標", "單點失效", "警訊傳遞", "研判與轉達時間", "破壞最大的單一故障"):
        assert heading in out
    assert english_left(out + err, names(pack)) == []


def test_network_options_speak_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    pack = default_scenarios_dir() / "example-typhoon-township.yaml"
    code, out, err = run(capsys, "--lang", "zh-TW", "network", pack, "--down", "power",
                         "--delivery", "county-eoc:upper-village", "--trials", "200")
    assert code == 0 and "送達的機率" in out and "命令列" in out
    assert english_left(out + err, names(pack)) == []


@pytest.mark.parametrize("command", ["validate", "rehearse", "network", "doctor"])
def test_a_broken_pack_is_explained_in_chinese_where_it_is_wrong(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        command: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text(BROKEN, encoding="utf-8")
    code, out, err = run(capsys, "--lang", "zh-TW", command, "broken.yaml")
    assert code in (1, 2)
    own, problems = split(out + err)
    assert problems.startswith("broken.yaml:12:33 第 1 個機關的層級：錯誤：")  # located, in Chinese
    assert "1 個錯誤" in own
    if command != "validate":
        assert "「exercise validate broken.yaml」" in own
    assert english_left(own, BROKEN_NAMES) == []


def test_a_broken_packs_problems_read_as_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("broken.yaml").write_text(BROKEN, encoding="utf-8")
    _, out, _ = run(capsys, "--lang", "zh-TW", "validate", "broken.yaml")
    assert english_left(split(out)[1], BROKEN_NAMES) == []
    assert "「locall」不是「national」、「regional」、「county」" in out and "「ngo」或「support」" in out
    _, out, _ = run(capsys, "validate", "broken.yaml")  # English as it was
    assert "broken.yaml:12:33: error: agencies[0].level: 'locall' is not one of 'national', " in out


@pytest.mark.parametrize("argv", [
    ["rehearse", "missing.yaml"],
    ["rehearse", "{pack}", "--choose", "no-equals-sign"],
    ["rehearse", "{pack}", "--choose", "I-99=wait"],
    ["rehearse", "{pack}", "--choose", "I-02=fly"],
    ["rehearse", "{pack}", "--from", "nobody"],
    ["network"],
    ["network", "{pack}", "--export", "graphml"],
    ["network", "{pack}", "--delivery", "county-eoc:nobody"],
    ["doctor", "missing.yaml"],
    ["report", "missing.jsonl"],
    ["session", "replay", "missing.jsonl"],
])
def test_mistakes_are_told_in_chinese(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    pack = default_scenarios_dir() / "example-typhoon-township.yaml"
    code, out, err = run(capsys, "--lang", "zh-TW", *(a.replace("{pack}", str(pack)) for a in argv))
    assert code == 2 and err.startswith("exercise：")
    assert "Traceback" not in err and english_left(err, names(pack) | {"missing", "jsonl"}) == []


def test_new_and_import_speak_chinese(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.authoring.test_planner_sheets import CONTACTS, MSEL_ZH, ROSTER, _book

    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "--lang", "zh-TW", "new", "--title", "颱風演練", "--hazard", "typhoon",
                         "--place", "花蓮縣", "-o", "new.yaml")
    assert code == 0 and out.startswith("已寫入 new.yaml：1 個區域、1 個機關、")
    assert "下一步：「exercise import ROSTER MSEL --pack new.yaml -o new.yaml」" in out
    assert english_left(out + err, {"new", "yaml"} | COMMAND) == []
    code, _, err = run(capsys, "--lang", "zh-TW", "new", "--title", "颱風演練", "--hazard", "typhoon",
                       "--place", "花蓮縣", "-o", "new.yaml")
    assert code == 2 and err == "exercise：new.yaml 已存在；請換一個 --output，或加上 --force 覆寫\n"
    _book(tmp_path / "roster.xlsx", {"Agencies": ROSTER, "Contacts": CONTACTS}, title="roster")
    _book(tmp_path / "msel.xlsx", {"MSEL": MSEL_ZH}, title="msel")
    code, out, err = run(capsys, "--lang", "zh-TW", "import", "roster.xlsx", "msel.xlsx", "-o", "q.yaml")
    assert code == 2 and "msel.xlsx、工作表「MSEL」、第 B 欄（時間）：錯誤：" in out
    assert err.startswith("exercise：上面有 1 個問題；沒有寫入任何檔案。請先修正")
    assert english_left(err, COMMAND) == []


def test_session_replay_speaks_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    export = Path(__file__).parents[1] / "conduct" / "fixtures" / "session-v1.jsonl"
    code, out, _ = run(capsys, "--lang", "zh-TW", "session", "replay", export)
    assert code == 0 and "則狀況，共 47 筆事件，已結束" in out and "：已送達" in out
    assert "：失敗" in out  # the failed call's reason is made again in Chinese, not the logged words
    assert english_left("\n".join(out.splitlines()[1:]), {"phone", "radio"}) == []
    _, english, _ = run(capsys, "session", "replay", export)
    assert "injects released, 47 events, ended" in english and ": delivered" in english


def test_a_drills_summary_speaks_chinese() -> None:
    from exercise.cli.drill_pack import DrillLog, summary_lines
    from exercise.i18n import translator

    log = DrillLog("drill-abc", acknowledged=12, decisions=[("township-eoc", "wait", "I-02")], sent=9,
                   failed=[("township-eoc", "upper-village", "mobile-phone", "I-08")],
                   refused=[("county-eoc", "residents", "I-03")])
    chinese = summary_lines(log, translator("zh-TW"))
    assert chinese[0] == "drill-abc：確認收到 12 次，決策 1 次，送出訊息 9 則，途中失敗 1 則"
    assert english_left("\n".join(chinese), {"residents"}) == []  # an actor id
    assert summary_lines(log) == [
        "drill-abc: 12 acknowledgements, 1 decisions, 9 messages sent, 1 failed on the way",
        "  decided: township-eoc chose 'wait' for I-02",
        "  failed: township-eoc -> upper-village by mobile-phone (I-08)",
        "  refused: county-eoc -> residents: no channel both can use (I-03)"]


# --- choosing the language ---------------------------------------------------------------


def test_the_languages_offered_are_the_products(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    offered = {action.dest: action.choices for action in parser._actions if action.dest == "global_lang"}
    assert list(offered["global_lang"]) == list(LANGUAGES)
    with pytest.raises(SystemExit):
        main(["--lang", "fr", "validate", "x.yaml"])
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "en"),
    ({"EXERCISE_LANG": "zh-TW"}, "zh-TW"),
    ({"EXERCISE_LANG": "zh_TW"}, "zh-TW"),
    ({"EXERCISE_LANG": "en", "LANG": "zh_TW.UTF-8"}, "en"),
    ({"EXERCISE_LANG": "klingon", "LANG": "zh_TW.UTF-8"}, "zh-TW"),
    ({"LANG": "zh_TW.UTF-8"}, "zh-TW"),
    ({"LANG": "zh_Hant_TW.UTF-8"}, "zh-TW"),
    ({"LANG": "zh_CN.UTF-8"}, "en"),
    ({"LANG": "zh_TW.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, "zh-TW"),
])
def test_the_environment_chooses_a_language(environ: dict[str, str], expected: str) -> None:
    assert language_from_environment(environ) == expected


@pytest.mark.parametrize("variable", ["EXERCISE_LANG", "LANG"])
def test_the_environment_works_like_the_option(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch, variable: str) -> None:
    pack = default_scenarios_dir() / "example-typhoon-township.yaml"
    for command in ("validate", "rehearse"):
        asked = run(capsys, "--lang", "zh-TW", command, pack)
        monkeypatch.setenv(variable, "zh-TW" if variable == "EXERCISE_LANG" else "zh_TW.UTF-8")
        assert run(capsys, command, pack) == asked
        monkeypatch.delenv(variable)
    assert "：通過" in asked[1] or "預演" in asked[1]


def test_a_commands_own_lang_wins(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    pack = default_scenarios_dir() / "example-typhoon-township.yaml"
    monkeypatch.setenv("EXERCISE_LANG", "zh-TW")
    _, english, _ = run(capsys, "--lang", "zh-TW", "rehearse", pack, "--lang", "en")
    assert "rehearsal (responsive tables; first option of each decision)" in english
    _, chinese, _ = run(capsys, "--lang", "en", "rehearse", pack, "--lang", "zh-TW")
    assert "預演（各桌回應每則狀況；每個決策都選第一個選項）" in chinese
    _, chinese, _ = run(capsys, "doctor", pack)  # no option: the environment
    assert "個錯誤" in chinese


# --- English as it was -------------------------------------------------------------------


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.stem)
def test_english_summary_is_the_shared_one(capsys: pytest.CaptureFixture[str], pack: Path) -> None:
    code, out, _ = run(capsys, "validate", pack)
    assert code == 0
    own, _ = split(out)
    assert own.splitlines() == [f"{pack}: OK" + (
        f" ({len(load_pack(pack).warnings)} warnings)" if load_pack(pack).warnings else ""),
        *summary_lines(load_pack(pack).valid_pack)]


def test_english_lines_are_as_before(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pack = default_scenarios_dir() / "example-typhoon-township.yaml"
    _, out, _ = run(capsys, "rehearse", pack)
    assert "rehearsal (responsive tables; first option of each decision)" in out
    assert "        not released  I-03" in out and "if option 'wait' chosen for I-02" in out
    assert re.search(r"\n\d+ of 16 injects released on this path\n", out)
    _, out, _ = run(capsys, "network", pack)
    for line in ("Metrics (each says the graph it uses: directed, or undirected = a tie either way)",
                 "  degree centralisation, undirected", "Single points of failure (agencies, undirected): ",
                 "  agency                              knows at    after   relayed    after  route",
                 "Decide-and-relay times (exercise/network/relay_times.yaml gives the defaults and"):
        assert line in out
    assert english_left(out, names(pack)) != []  # it is English, not Chinese
    code, _, err = run(capsys, "rehearse", tmp_path / "missing.yaml")
    assert (code, err) == (2, f"exercise: {tmp_path / 'missing.yaml'}: no such pack file; give the path "
                              "of a .yaml scenario pack\n")


# --- help --------------------------------------------------------------------------------


def _helps(parser: argparse.ArgumentParser, path: str = "cli.help") -> dict[str, str]:
    """Every help text of the command, by its catalogue key."""
    found = {f"{path}.description": parser.description} if parser.description else {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found |= {f"{path}.{c.dest.replace('-', '_')}.summary": c.help
                      for c in action._choices_actions if c.help}
            for name, sub in action.choices.items():
                found |= _helps(sub, f"{path}.{name.replace('-', '_')}")
        elif action.help and action.dest != "help":
            found[f"{path}.{action.dest}"] = action.help
    return found


def test_every_help_text_has_its_translation() -> None:
    """A help text changed in the code must be changed in exercise/locales/cli.*.json too
    (until then it shows in English, never as an outdated translation)."""
    english, chinese = catalogue("en"), catalogue("zh-TW")
    helps = _helps(build_parser())
    assert len(helps) > 100
    assert {key: text for key, text in helps.items() if english.get(key) != text} == {}
    translated = _helps(build_parser("zh-TW"))
    assert translated == {key: chinese[key] for key in helps}


def test_help_is_in_the_chosen_language(capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "zh-TW", "rehearse", "--help"])
    out = capsys.readouterr().out
    assert "以模擬時鐘推演想定包" in out and "決策狀況選擇的選項" in out and "顯示這份說明並結束" in out
    assert out.startswith("用法：exercise rehearse") and "\n選項:\n" in out
    monkeypatch.setenv("EXERCISE_LANG", "zh-TW")
    with pytest.raises(SystemExit):
        main(["network", "--lang", "en", "--help"])  # the command's own --lang wins
    assert "take an agency down" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "預演想定包" in capsys.readouterr().out
