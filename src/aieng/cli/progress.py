"""``aieng progress`` and ``aieng next``: what you have done, and what to do next."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress_bar import ProgressBar
from rich.table import Table

from aieng.cli import console
from aieng.errors import NotFoundError, UsageError, unknown_name
from aieng.roadmap import load
from aieng.roadmap.progress import STATUSES, ProgressStore, parse_status
from aieng.roadmap.summary import Tally, exercise_tally, next_topic, summarize
from aieng.settings import get_settings

app = typer.Typer(help="Track your progress: per topic and per exercise, stored offline.")


def _store() -> ProgressStore:
    return ProgressStore(get_settings().progress_db)


def _exercises_by_month() -> dict[str, list[str]]:
    """Exercise ids per month from ``exercises/info.toml`` (none if it is not installed)."""
    from aieng.learn.manifest import load as load_exercises

    try:
        manifest = load_exercises()
    except NotFoundError:
        return {}
    return {m: [e.id for e in manifest.of_month(m)] for m in manifest.months}


def _tally_json(t: Tally) -> dict[str, float | int]:
    return {
        "total": t.total,
        "done": t.done,
        "learning": t.learning,
        "skipped": t.skipped,
        "percent": round(t.percent, 1),
    }


@app.callback(invoke_without_command=True)
def progress(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """Percent done per phase, per month and overall."""
    if ctx.invoked_subcommand is not None:
        return
    rm = load()
    entries = _store().entries()
    summary = summarize(rm, entries)
    exercises = exercise_tally(_exercises_by_month(), entries)
    if as_json:
        doc = {
            "overall": _tally_json(summary.overall),
            "phases": {k: _tally_json(v) for k, v in summary.phases.items()},
            "months": {k: _tally_json(v) for k, v in summary.months.items()},
            "exercises": {k: _tally_json(v) for k, v in exercises.items()},
        }
        typer.echo(json.dumps(doc, indent=2))
        return
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column()
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=38)
    table.add_column(justify="right")
    table.add_column()
    table.add_column(justify="right")
    table.add_column(no_wrap=True)  # exercises done, for months that have them
    rows = [("Overall", "", summary.overall)]
    for phase in rm.phases:
        rows.append((f"Phase {phase.id[1]}", phase.title, summary.phases[phase.id]))
        rows += [(f"  {m.id}", m.title, summary.months[m.id]) for m in rm.months_of_phase(phase.id)]
    for name, title, t in rows:
        counted = t.total - t.skipped
        ex = exercises.get(name.strip())
        table.add_row(
            name if name.startswith(" ") else f"[bold]{name}[/]",
            escape(title),
            f"{t.done}/{counted}",
            ProgressBar(total=max(counted, 1), completed=t.done, width=16),
            f"{t.percent:.0f}%",
            f"ex. {ex.done}/{ex.total}" if ex else "",
        )
    console.stdout().print(table)
    overall = summary.overall
    console.stdout().print(
        f"{overall.learning} topic(s) under way, {overall.skipped} skipped. "
        "[dim]Mark one: aieng progress mark ID done · What next: aieng next[/]"
    )


@app.command()
def mark(
    item_ids: Annotated[list[str], typer.Argument(help="Topic or exercise ids, then the status.")],
) -> None:
    """Set the status of topics: ``aieng progress mark ID [ID…] done|learning|skipped|pending``."""
    *ids, raw_status = item_ids
    if not ids:
        raise UsageError(
            f"expected one or more ids and then a status, got only {raw_status!r}",
            hint="for example: aieng progress mark m01.git done",
        )
    status = parse_status(raw_status)
    known = load().canonical_ids()
    # exercise ids too: skip an exercise, or mark one pending to do it again
    known.update({e: e for ids_ in _exercises_by_month().values() for e in ids_})
    for item in ids:
        if item not in known:
            raise unknown_name("topic", item, known, list_command="aieng roadmap --topics")
    n = _store().mark([known[i] for i in ids], status)
    console.stdout().print(f"Marked {n} item(s) {status}: {escape(', '.join(ids))}")


@app.command("export")
def export_(file: Annotated[Path, typer.Argument(help="JSON file to write.")]) -> None:
    """Write your progress to a JSON file (to move it to another machine)."""
    n = _store().export(file)
    console.stdout().print(f"Exported {n} mark(s) to {escape(str(file))}")


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file from `aieng progress export`.")],
) -> None:
    """Merge progress from an export: for each item the newer mark wins."""
    known = set(load().canonical_ids())
    s = _store().import_file(file, known_ids=known)
    out = console.stdout()
    out.print(
        f"Imported from {escape(str(file))}: {s.added} new, {s.updated} updated, "
        f"{s.kept} kept (ours was as new or newer)."
    )
    if s.unknown:
        out.print(
            f"{len(s.unknown)} id(s) are not in this curriculum and were kept for later: "
            f"{escape(', '.join(s.unknown[:5]))}{' …' if len(s.unknown) > 5 else ''}"
        )


def next_step() -> None:
    """Say what to do next: the topic under way, or the first pending one in the plan."""
    rm = load()
    topic = next_topic(rm, _store().entries())
    out = console.stdout()
    if topic is None:
        out.print(
            "Every topic is done or skipped. Time for the capstone: `aieng roadmap show m12`."
        )
        return
    month = rm.month(topic.month)
    out.print(
        f"[bold]Next:[/] {escape(topic.title)}  "
        f"[dim]({topic.id}, {month.id} · {escape(month.title)})[/]"
    )
    if topic.why:
        out.print(f"  why:   {escape(topic.why)}")
    for label, refs in (
        ("run", topic.commands),
        ("read", (*topic.docs, *topic.modules)),
        ("do", topic.exercises),
        ("quiz", tuple(f"aieng quiz {q}" for q in topic.quizzes)),
    ):
        if refs:
            out.print(f"  {label}:{' ' * (6 - len(label))}{escape(', '.join(refs))}")
    if topic.status == "planned":
        out.print(
            f"  aieng does not teach this yet; month {month.id} will: {escape(month.deliverable)}"
        )
    out.print(
        f"  then:  aieng progress mark {topic.id} done   [dim](statuses: {', '.join(STATUSES)})[/]"
    )
