"""The data contract's section of the pipeline report: the rules, and what broke them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aieng.contract.model import Contract
from aieng.contract.rules import ColumnRule
from aieng.reports import PALETTE, Report, new_figure

if TYPE_CHECKING:
    import pandas as pd

SHOWN_CELLS = 20  # offending cells listed in the table; the full list is the runner's artifact


def add_contract_section(
    report: Report, contract: Contract, failures: pd.DataFrame | None, *, rows: int
) -> None:
    """The rules as a table; with failures, a bar chart per column and check, notes and cells.

    ``failures`` is :meth:`Contract.check`'s frame (None or empty when the table passed) and
    ``rows`` the number of rows checked.
    """
    import pandas as pd

    sec = report.section(
        "Data contract",
        intro="Every column the pipeline relies on is declared in the config with its type and "
        "the values it may hold; the table is checked against it before anything is trained, "
        "so a broken export stops the run instead of quietly training a worse model.",
    )
    rules = pd.DataFrame(
        [
            {
                "column": name,
                "type": rule.type,
                "required": "yes" if rule.required else "no",
                "missing allowed": "yes" if rule.nullable else "no",
                "range / allowed values": _limits(rule),
                "description": rule.description,
            }
            for name, rule in contract.columns.items()
        ]
    )
    if not rules["description"].astype(bool).any():
        rules = rules.drop(columns="description")
    if failures is None or failures.empty:
        sec.notes([f"All {rows:,} rows pass the {len(contract.columns)} column rules."])
        sec.table(rules, caption="The data contract", max_rows=len(rules))
        return
    counts = (
        failures.groupby(["column", "check"], sort=False)
        .size()
        .rename("failing rows")
        .reset_index()
    )
    fig, ax = new_figure(width=7.5, height=0.4 * len(counts) + 1.4)
    labels = [f"{c}: {k}" for c, k in zip(counts["column"], counts["check"], strict=True)]
    absent = (counts["check"] == "column present").to_numpy()[::-1]
    bars = ax.barh(
        labels[::-1],
        counts["failing rows"].to_numpy()[::-1],
        color=[PALETTE[6] if a else PALETTE[3] for a in absent],
    )
    ax.bar_label(
        bars,
        labels=[
            "missing" if a else f"{b:,}"
            for a, b in zip(absent, counts["failing rows"].to_numpy()[::-1], strict=True)
        ],
        padding=3,
    )
    ax.set_xlabel("failing rows (a missing column is drawn as one)")
    sec.figure(fig, caption="Failures per column and check", alt="bar chart of failing rows")
    cells = failures[failures["row"].notna()]
    missing = failures.loc[failures["row"].isna(), "column"].tolist()
    notes = [
        f"{cells['row'].nunique():,} of {rows:,} rows ({cells['row'].nunique() / max(rows, 1):.1%})"
        f" break at least one rule; {len(failures):,} failures in all.",
        *(
            f"{row['column']}: {_rows_fail(row['failing rows'])} “{row['check']}”."
            for _, row in counts[counts["check"] != "column present"].head(8).iterrows()
        ),
    ]
    if missing:
        notes.append(f"Required columns missing from the table: {', '.join(missing)}.")
    notes.append(
        "Fix the data at its source, or, if the data are right and the rule is too strict, "
        "change the rule in the config's [contract.columns.<name>] table."
    )
    sec.notes(notes)
    sec.table(
        failures.head(SHOWN_CELLS),
        caption=f"The first {min(SHOWN_CELLS, len(failures))} of {len(failures):,} failures",
        index=False,
    )
    sec.table(rules, caption="The data contract", max_rows=len(rules))


def _limits(rule: ColumnRule) -> str:
    if rule.allowed is not None:
        return ", ".join(rule.allowed)
    checks = rule.checks()  # "in range [0, 100]", "at least 0", "at most 1" or nothing
    return checks[0].removeprefix("in range ") if checks else ""


def _rows_fail(n: int) -> str:
    return "1 row fails" if n == 1 else f"{n:,} rows fail"
