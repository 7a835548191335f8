"""A row the pack's models refuse, a time the notation cannot read and a rule of the whole pack
that a row breaks: said in the reader's language, with the sheet, row and column, never in
pydantic's or the time parser's English inside a Chinese line."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from exercise.i18n import catalogue, translator
from exercise.scenario.models import ScenarioPack
from exercise.scenario.spreadsheets.columns import FieldSpec, guess_mapping
from exercise.scenario.spreadsheets.msel import read_msel
from exercise.scenario.spreadsheets.roster import read_roster
from exercise.scenario.spreadsheets.tables import Table, read_table, read_tables
from exercise.scenario.spreadsheets.validation import validation_problems
from exercise.scenario.spreadsheets.words import problem_line, problem_words
from tests.words_check import english_left, pack_names

from .conftest import xlsx

ZH = translator("zh-TW")
EN = translator("en")
MSEL_HEADERS = ["編號", "時間", "發送單位", "接收單位", "主旨", "單元", "接續", "若未確認"]


def _lines(problems: list, lang: str) -> str:
    t = translator(lang)
    return "\n".join(problem_line(p, t) for p in problems)


@pytest.fixture
def msel_problems(pack: ScenarioPack) -> list:
    rows = [MSEL_HEADERS,
            ["A1", "T+0:70", "縣應變中心", "鄉應變中心", "颱風警報", None, None, None],
            ["A2", "香蕉", "縣應變中心", "鄉應變中心", "颱風警報", None, None, None],
            ["A3", "T+00:10", "縣應變中心", "鄉應變中心", "颱風警報", None, "A1 +99:99", None],
            ["A4", "T+00:10", "縣應變中心", "鄉應變中心", "颱風警報", None, "A1!", None],
            ["A5", "T+05:10", "縣應變中心", "鄉應變中心", "颱風警報", "M1", None, None],
            ["A6", "T+00:20", "縣應變中心", "鄉應變中心", "颱風警報", None, "A1", "香蕉"]]
    result = read_msel(read_table(xlsx(rows), "msel.xlsx"), pack)
    return result.all_problems


def test_msel_row_problems_read_as_chinese(msel_problems: list, pack: ScenarioPack) -> None:
    text = _lines(msel_problems, "zh-TW")
    assert "第 2 列、第 B 欄（時間）：錯誤：「T+0:70」的分鐘數是 70" in text
    assert "第 3 列、第 B 欄（時間）：錯誤：「香蕉」不是時間" in text
    assert "第 4 列、第 G 欄（接續）：錯誤：「99:99」的分鐘數是 99" in text
    assert "請以分鐘數寫出延遲" in text
    # pydantic refused the condition's inject number: said with the column, not pydantic's words
    assert "第 5 列、第 G 欄（接續）：錯誤：第 G 欄（接續）的「A1!」不是有效的代號" in text
    # a rule of the whole pack (scenario.references), copied onto the row
    assert "第 6 列、第 B 欄（時間）：錯誤：此狀況的時間 T+05:10 不在所屬單元「M1」" in text
    assert "第 7 列、第 H 欄（若未確認）：錯誤：「香蕉」不是時間" in text
    assert english_left(text, pack_names(pack)) == []


def test_msel_row_problems_in_english(msel_problems: list) -> None:
    text = _lines(msel_problems, "en")
    assert "row 2, column B (時間): error: 'T+0:70' has 70 minutes (write T+02:30" in text
    assert "row 4, column G (接續): error: '99:99' has 99 minutes (write the delay in minutes" in text
    assert "row 5, column G (接續): error: 'A1!' in column G (接續) is not a valid id (an id uses" in text
    assert "row 6, column B (時間): error: the inject is at T+05:10, outside its module 'M1' " \
           "(T+00:00 to T+03:00) (move the inject" in text


def test_roster_row_problems_read_as_chinese(pack: ScenarioPack) -> None:
    agencies = [["代號", "單位名稱", "層級", "地區"],
                ["bad id!", "山林鄉消防分隊", "鄉", "山林鄉"],
                ["fire-2", "第二消防分隊", "鄉", "山林鄉"]]
    links = [["發送單位", "接收單位", "通訊方式"],
             ["鄉應變中心", "第二消防分隊", "飛鴿; 狼煙"]]
    tables = read_tables(xlsx(agencies, sheet="單位", extra_sheets={"聯絡": links}), "roster.xlsx")
    result = read_roster(tables, pack)
    text = _lines(result.all_problems, "zh-TW")
    assert "工作表「單位」、第 2 列、第 A 欄（代號）：錯誤：第 A 欄（代號）的「bad id!」不是有效的代號" in text
    assert "「飛鴿」不是本想定包中的通訊管道；「狼煙」不是本想定包中的通訊管道" in text
    assert english_left(text, pack_names(pack)) == []
    english = _lines(result.all_problems, "en")
    assert "row 2, column A (代號): error: 'bad id!' in column A (代號) is not a valid id" in english
    assert "'飛鴿' is not a channel of this pack; '狼煙' is not a channel of this pack" in english


class _Odd(BaseModel):
    count: int = Field(ge=1)
    when: float
    items: list[str] = Field(min_length=2)
    pair: tuple[int, int]


def _table() -> Table:
    return Table("odd.xlsx", "MSEL", [(1, ["Count", "When"]), (2, ["x", "y"])])


@pytest.mark.parametrize(("data", "said"), [
    ({"count": "many", "when": 1.0, "items": ["a", "b"], "pair": [1, 2]},
     "第 A 欄（Count）應為整數，而不是「many」"),
    ({"count": 0, "when": 1.0, "items": ["a", "b"], "pair": [1, 2]},
     "第 A 欄（Count）必須至少為 1，而不是 0"),
    ({"count": 1, "when": "soon", "items": ["a", "b"], "pair": [1, 2]},
     "第 B 欄（When）應為數字，而不是「soon」"),
    ({"count": 1, "when": 1.0, "items": ["a"], "pair": [1, 2]},
     "「items」至少需要 2 項"),
    ({"count": 1, "when": 1.0, "items": ["a", "b"]}, "「pair」沒有填寫"),
    ({"count": 1, "when": 1.0, "items": ["a", "b"], "pair": {"x": 1}}, "「pair」的內容無法使用"),
])
def test_every_kind_of_refusal_says_where_in_the_readers_language(data: dict, said: str) -> None:
    """Kinds the catalogue knows get their sentence; a kind it does not know (a tuple given a
    mapping) gets the general one, which still names the column or field."""
    table = _table()
    mapping = guess_mapping(table, (FieldSpec("count", "Count"), FieldSpec("when", "When")))
    with pytest.raises(ValidationError) as caught:
        _Odd.model_validate(data)
    [problem] = validation_problems(caught.value, table, mapping, 2)
    what, todo = problem_words(problem, ZH)
    assert what == said
    assert english_left(what + todo, {"Count", "When"}) == []
    assert problem.row == 2 and problem.code.startswith("cell.")
    assert problem.message == problem_words(problem, EN)[0] != what


def test_every_sentence_of_a_refused_cell_is_in_both_languages() -> None:
    english, chinese = catalogue("en"), catalogue("zh-TW")
    keys = [key for key in english if key.startswith(("sheet.cell.", "sheet.place.", "sheet.time_"))]
    assert len(keys) > 30
    assert [key for key in keys if key not in chinese] == []



@pytest.mark.parametrize(("given", "said"), [
    (["Recipient"], "--map「Recipient」的寫法應為「欄=欄位」"),
    (["=to"], "--map「=to」沒有指定是哪一欄"),
    (["Nowhere=to"], "沒有可對應的「Nowhere」欄；標題有：「Count」、「When」"),
    (["Count=colour"], "「colour」不是可對應的欄位；請使用「count」、「when」其中之一"),
])
def test_a_mapping_that_cannot_be_used_reads_as_chinese(given: list[str], said: str) -> None:
    """`--map` and the page's mapping: the problem is a CellError with a code, so the page and
    the command line can say it in the reader's language."""
    from exercise.scenario.spreadsheets.columns import MappingError, parse_map_options
    from exercise.scenario.spreadsheets.words import sentence

    fields = (FieldSpec("count", "Count"), FieldSpec("when", "When"))
    with pytest.raises(MappingError) as caught:
        guess_mapping(_table(), fields).with_overrides(parse_map_options(given), fields)
    what = sentence(caught.value.code, caught.value.values, ZH)[0]
    assert what.startswith(said)
    assert english_left(what) == []
    assert str(caught.value) == sentence(caught.value.code, caught.value.values, EN)[0]


def test_a_bad_map_option_reads_as_chinese(tmp_path, capsys) -> None:
    from exercise.cli import main
    from tests.authoring.conftest import EXAMPLE, csv_bytes

    sheet = tmp_path / "msel.csv"
    sheet.write_bytes(csv_bytes([["No.", "Time", "From", "Addressee list", "Message"],
                                 ["1", "T+00:10", "cwa", "county-eoc", "Warning"]]))
    base = ["import-msel", str(sheet), "--pack", str(EXAMPLE), "-o", str(tmp_path / "n.yaml")]
    assert main(["--lang", "zh-TW", *base, "--map", "Recipient=to"]) == 2
    error = capsys.readouterr().err
    assert "沒有可對應的「Recipient」欄" in error
    assert english_left(error, {"exercise", "Time", "From", "Message"}) == []
    assert main([*base, "--map", "Recipient=to"]) == 2
    assert "there is no column 'Recipient' to map; the headers are 'No.', 'Time'" in capsys.readouterr().err
