"""Which database the app opens: the URL, else EXERCISE_DATABASE_URL, else SQLite in the data
directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from exercise.store import StoreUnavailable, open_store

from .conftest import session_record


def test_without_a_url_the_store_is_a_sqlite_file_in_the_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EXERCISE_DATABASE_URL", raising=False)
    with open_store(None, tmp_path / "data") as store:
        store.create_session(session_record(), [])
    assert (tmp_path / "data" / "exercise.sqlite3").is_file()
    with open_store(None, tmp_path / "data") as store:
        assert store.session("S-1") is not None


def test_the_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXERCISE_DATABASE_URL", f"sqlite:///{tmp_path}/elsewhere.db")
    with open_store(None, tmp_path / "data") as store:
        assert store.dialect == "sqlite"
    assert (tmp_path / "elsewhere.db").is_file()
    assert not (tmp_path / "data" / "exercise.sqlite3").exists()


def test_an_explicit_url_wins_over_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXERCISE_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/x")
    with open_store(f"sqlite:///{tmp_path}/mine.db", tmp_path) as store:
        assert store.dialect == "sqlite"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://root@localhost/db", "is not supported"),
    ],
)
def test_a_wrong_url_is_explained(url: str, says: str, tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match=says):
        open_store(url, tmp_path)


def test_a_plain_postgresql_url_uses_psycopg_3(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable, match="127.0.0.1:1/x cannot be used"):
        open_store("postgresql://nobody@127.0.0.1:1/x", tmp_path)


def test_a_data_folder_that_cannot_be_written_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "occupied"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreUnavailable, match="may write to it"):
        open_store(f"sqlite:///{blocker}/sub/exercise.sqlite3", tmp_path)
