"""aieng.tables: reading a user's CSV/Parquet/JSON-lines file and writing one atomically."""

from __future__ import annotations

import codecs
from pathlib import Path

import pandas as pd
import pytest

from aieng.errors import InputFileError, UsageError
from aieng.tables import read_table, sniff_delimiter, write_table


def test_utf8_bom_is_removed_from_the_first_column_name(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + "name,age\nZoë,31\n".encode())
    frame = read_table(path)
    assert list(frame.columns) == ["name", "age"]
    assert frame.loc[0, "name"] == "Zoë"
    assert frame.loc[0, "age"] == 31


def test_semicolon_csv_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("a;b;c\n1,5;x;3\n2,5;y;4\n", encoding="utf-8")
    frame = read_table(path, raw=True)
    assert list(frame.columns) == ["a", "b", "c"]
    assert frame["a"].tolist() == ["1,5", "2,5"]


@pytest.mark.parametrize("sep", [",", ";", "\t", "|"])
def test_every_allowed_delimiter_is_sniffed(sep: str) -> None:
    sample = sep.join(["id", "city", "score"]) + "\n" + sep.join(["1", "Lyon", "3"]) + "\n"
    assert sniff_delimiter(sample * 3) == sep


def test_latin1_file_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    text = "ville,habitants\nMontréal,1762949\nQuébec,549459\nTrois-Rivières,139163\n"
    path.write_bytes(text.encode("latin-1"))
    frame = read_table(path)
    assert frame["ville"].tolist() == ["Montréal", "Québec", "Trois-Rivières"]


def test_raw_keeps_every_cell_as_text_and_default_infers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("id,x,flag\n007,NA,yes\n008,,no\n", encoding="utf-8")
    raw = read_table(path, raw=True)
    assert raw["id"].tolist() == ["007", "008"]
    assert raw["x"].tolist() == ["NA", ""]
    inferred = read_table(path)
    assert inferred["id"].tolist() == [7, 8]
    assert inferred["x"].isna().all()


def test_input_file_is_never_modified(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    before = path.read_bytes(), path.stat().st_mtime_ns
    read_table(path, raw=True)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize("suffix", [".parquet", ".jsonl", ".csv"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    frame = pd.DataFrame({"a": [1, 2, 3], "b": ["x", "y", None], "c": [0.5, 1.25, 2.0]})
    written = write_table(frame, tmp_path / f"out{suffix}")
    back = read_table(written)
    assert back["a"].tolist() == [1, 2, 3]
    assert back["b"].iloc[:2].tolist() == ["x", "y"] and pd.isna(back["b"].iloc[2])
    assert back["c"].tolist() == [0.5, 1.25, 2.0]


def test_ndjson_and_tsv_suffixes_are_read(tmp_path: Path) -> None:
    (tmp_path / "t.ndjson").write_text('{"a": 1}\n{"a": 2}\n', encoding="utf-8")
    (tmp_path / "t.tsv").write_text("a\tb\n1\t2\n", encoding="utf-8")
    assert read_table(tmp_path / "t.ndjson")["a"].tolist() == [1, 2]
    assert list(read_table(tmp_path / "t.tsv").columns) == ["a", "b"]


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"no such file '.*nope.csv'"):
        read_table(tmp_path / "nope.csv")


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"is a folder, not a table file"):
        read_table(tmp_path)


def test_unknown_suffix_names_the_allowed_ones(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(UsageError, match=r"unsupported suffix '.xlsx'") as info:
        read_table(path)
    assert (
        ".csv" in info.value.hint and ".parquet" in info.value.hint and ".jsonl" in info.value.hint
    )


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(InputFileError, match=r"is an empty file \(0 bytes\)"):
        read_table(path)


def test_blank_lines_only(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"has no data"):
        read_table(path)


def test_unparseable_csv(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text('a,b\n1,2\n3,"4\n5,6,7,8\n', encoding="utf-8")
    with pytest.raises(InputFileError, match=r"cannot parse .* as CSV"):
        read_table(path)


def test_binary_junk_is_not_a_csv(tmp_path: Path) -> None:
    path = tmp_path / "junk.csv"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputFileError, match=r"cannot (decode|parse)"):
        read_table(path)


def test_bad_parquet(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_text("not parquet", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"cannot read .* as Parquet"):
        read_table(path)


def test_bad_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"a": 1}\n{"a": \n', encoding="utf-8")
    with pytest.raises(InputFileError, match=r"cannot read .* as JSON lines"):
        read_table(path)


def test_write_refuses_the_input_even_with_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"is the input file"):
        write_table(pd.DataFrame({"a": [2]}), path, source=path, overwrite=True)
    assert path.read_text(encoding="utf-8") == "a\n1\n"


def test_write_refuses_an_existing_file_unless_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(InputFileError, match=r"already exists") as info:
        write_table(pd.DataFrame({"a": [1]}), path)
    assert "--force" in info.value.hint
    write_table(pd.DataFrame({"a": [1]}), path, overwrite=True)
    assert path.read_text(encoding="utf-8") == "a\n1\n"


def test_write_unknown_suffix_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"unsupported suffix '.xlsx'"):
        write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.xlsx")
    folder = tmp_path / "dir.csv"
    folder.mkdir()
    with pytest.raises(InputFileError, match=r"is a folder"):
        write_table(pd.DataFrame({"a": [1]}), folder)


def test_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    write_table(pd.DataFrame({"a": [1]}), tmp_path / "out.parquet")
    assert [p.name for p in tmp_path.iterdir()] == ["out.parquet"]
