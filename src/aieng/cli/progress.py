"""``aieng progress`` and ``aieng next``: what you have done, why it counts, and what to do next."""

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
from aieng.roadmap import Roadmap, Topic, load
from aieng.roadmap.evidence import TopicProgress
from aieng.roadmap.exchange import export, import_file
from aieng.roadmap.progress import STATUSES, ProgressStore, Snapshot, parse_status
from aieng.roadmap.summary import Assessed, Tally, exercise_tally, next_topic, summarize
from aieng.settings import get_settings

app = typer.Typer(help="Track your progress: per topic and per exercise, stored offline.")

UNDER_WAY_SHOWN = 8  # topics listed under the table; --topics lists them all


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


def _tally_json(t: Tally, *, topics: bool = True) -> dict[str, float | int]:
    doc: dict[str, float | int] = {
        "total": t.total,
        "done": t.done,
        "learning": t.learning,
        "skipped": t.skipped,
        "percent": round(t.percent, 1),
    }
    if topics:  # of the done topics, those your results completed (the rest you marked)
        doc["earned"] = t.earned
    return doc


@app.callback(invoke_without_command=True)
def progress(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
    topics: Annotated[
        bool, typer.Option("--topics", "-t", help="Every topic: its status and why.")
    ] = False,
) -> None:
    """Percent done per phase, per month and overall; the topics under way and what they miss."""
    if ctx.invoked_subcommand is not None:
        return
    from aieng.learn.teaching import current

    now = current()
    rm, assessed = now.roadmap, now.assessed
    summary = summarize(rm, assessed)
    exercises = exercise_tally(_exercises_by_month(), now.snapshot.marks)
    if as_json:
        doc = {
            "overall": _tally_json(summary.overall),
            "phases": {k: _tally_json(v) for k, v in summary.phases.items()},
            "months": {k: _tally_json(v) for k, v in summary.months.items()},
            "exercises": {k: _tally_json(v, topics=False) for k, v in exercises.items()},
            "topics": {k: v.to_json() for k, v in assessed.items()},
        }
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    out = console.stdout()
    out.print(_table(rm, summary.overall, summary.phases, summary.months, exercises))
    overall = summary.overall
    out.print(
        f"{overall.done} topic(s) done ({overall.earned} by your exercises and quizzes, "
        f"{overall.done - overall.earned} marked by you), {overall.learning} under way, "
        f"{overall.skipped} skipped."
    )
    retake = _scores_without_answers(now.snapshot)
    if retake:
        out.print(
            f"Your best scores of quiz {', '.join(retake)} were kept before each answer was, so "
            f"they move no topic: take {'it' if len(retake) == 1 else 'them'} again "
            f"(`aieng quiz {retake[0]}`, a few minutes)."
        )
    if topics:
        _all_topics(rm, assessed)
        return
    under_way = [t for t in rm.topics if assessed[t.id].status == "learning"]
    if under_way:
        out.print("[bold]Under way[/] [dim](what each still needs)[/]")
        for t in under_way[:UNDER_WAY_SHOWN]:
            p = assessed[t.id]
            needs = p.needs or p.reason
            out.print(f"  ◐ {escape(t.id)}: {escape(p.reason)}; needs {escape(needs)}")
        if len(under_way) > UNDER_WAY_SHOWN:
            out.print(f"  [dim]… and {len(under_way) - UNDER_WAY_SHOWN} more[/]")
    out.print(
        "[dim]Why each topic: aieng progress --topics · one topic: aieng roadmap show ID · "
        "What next: aieng next · Mark one: aieng progress mark ID done[/]"
    )


def _scores_without_answers(snapshot: Snapshot) -> list[str]:
    """Quizzes with a best score (learn.db) but no answer kept: taken before answers were kept."""
    from aieng.learn.state import LearnState

    if not (get_settings().home / "learn.db").exists():
        return []
    answered = {key.partition(":")[0] for kind, key in snapshot.results if kind == "question"}
    return [month for month in sorted(LearnState().quiz_best()) if month not in answered]


def _table(
    rm: Roadmap,
    overall: Tally,
    phases: dict[str, Tally],
    months: dict[str, Tally],
    exercises: dict[str, Tally],
) -> Table:
    table = Table(box=None, pad_edge=False, show_header=False)
    table.add_column()
    table.add_column(no_wrap=True, overflow="ellipsis", max_width=38)
    table.add_column(justify="right")
    table.add_column()
    table.add_column(justify="right")
    table.add_column(no_wrap=True)  # exercises done, for months that have them
    rows = [("Overall", "", overall)]
    for phase in rm.phases:
        rows.append((f"Phase {phase.id[1]}", phase.title, phases[phase.id]))
        rows += [(f"  {m.id}", m.title, months[m.id]) for m in rm.months_of_phase(phase.id)]
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
    return table


MARK = {"done": "✓", "learning": "◐", "pending": "·", "skipped": "–"}


def _all_topics(rm: Roadmap, assessed: Assessed) -> None:
    """Every topic by month: its mark, why, and what it still needs."""
    out = console.stdout()
    for month in rm.months:
        out.print(f"[bold]{month.id}[/] {escape(month.title)}")
        for t in rm.topics_of_month(month.id):
            p = assessed[t.id]
            needs = p.needs if p.status in ("pending", "learning") else ""
            out.print(
                f"  {MARK[p.status]} {escape(t.id)}: {escape(p.reason)}"
                + (f"; needs {escape(needs)}" if needs else "")
            )


@app.command()
def mark(
    item_ids: Annotated[list[str], typer.Argument(help="Topic or exercise ids, then the status.")],
) -> None:
    """Set the status of topics: ``aieng progress mark ID [ID…] done|learning|skipped|pending``.

    Your mark of done or skipped wins over what your exercises and quizzes say; pending or
    learning starts the topic over: what you pass or answer after it counts.
    """
    *ids, raw_status = item_ids
    if not ids:
        raise UsageError(
            f"expected one or more ids and then a status, got only {raw_status!r}",
            hint="for example: aieng progress mark m01.git done",
        )
    status = parse_status(raw_status)
    known = _known_ids()
    for item in ids:
        if item not in known:
            raise unknown_name("topic", item, known, list_command="aieng roadmap --topics")
    n = _store().mark([known[i] for i in ids], status)
    console.stdout().print(f"Marked {n} item(s) {status}: {escape(', '.join(ids))}")


def _known_ids() -> dict[str, str]:
    """Every id a mark may name → the id it is stored under (an alias → its topic's id)."""
    known = load().canonical_ids()
    # exercise ids too: skip an exercise, or mark one pending to do it again
    known.update({e: e for ids_ in _exercises_by_month().values() for e in ids_})
    return known


@app.command("export")
def export_(file: Annotated[Path, typer.Argument(help="JSON file to write.")]) -> None:
    """Write your progress to a JSON file (to move it to another machine)."""
    n = export(_store(), file)
    console.stdout().print(
        f"Exported {n} mark(s) and your exercise and quiz results to {escape(str(file))}"
    )


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="A file from `aieng progress export`.")],
) -> None:
    """Merge progress from an export: for each item the newer mark wins."""
    s = import_file(
        _store(), file, known_ids=set(_known_ids()), topic_ids=set(load().canonical_ids())
    )
    out = console.stdout()
    out.print(
        f"Imported from {escape(str(file))}: {s.added} new, {s.updated} updated, "
        f"{s.kept} kept (ours was as new or newer); {s.results} exercise or quiz result(s)."
    )
    if s.unknown:
        out.print(
            f"{len(s.unknown)} id(s) are not in this curriculum and were kept for later: "
            f"{escape(', '.join(s.unknown[:5]))}{' …' if len(s.unknown) > 5 else ''}"
        )


def next_step() -> None:
    """Say what to do next: the topic under way, or the first pending one in the plan."""
    from aieng.learn.teaching import current

    now = current()
    rm = now.roadmap
    topic = next_topic(rm, now.assessed)
    out = console.stdout()
    if topic is None:
        out.print(
            "Every topic is done or skipped. Time for the capstone: `aieng roadmap show m12`."
        )
        return
    month = rm.month(topic.month)
    p = now.assessed[topic.id]
    out.print(
        f"[bold]Next:[/] {escape(topic.title)}  "
        f"[dim]({topic.id}, {month.id} · {escape(month.title)})[/]"
    )
    if topic.why:
        out.print(f"  why:   {escape(topic.why)}")
    out.print(f"  now:   {escape(p.status)} — {escape(p.reason)}")
    for label, refs in _where_to_go(topic, p):
        if refs:
            out.print(f"  {label}:{' ' * (6 - len(label))}{escape(', '.join(refs))}")
    if topic.status == "planned":
        out.print(
            f"  aieng does not teach this yet; month {month.id} will: {escape(month.deliverable)}"
        )
    if p.requirements:
        out.print(
            "  then:  done once each is passed or answered right; or mark it yourself: "
            f"aieng progress mark {topic.id} done"
        )
    else:
        out.print(
            f"  then:  aieng progress mark {topic.id} done   "
            f"[dim](statuses: {', '.join(STATUSES)})[/]"
        )


def _where_to_go(topic: Topic, p: TopicProgress) -> list[tuple[str, tuple[str, ...]]]:
    """What to run, read, do and answer; "do" and "quiz" list only what is still missing."""
    todos = tuple(dict.fromkeys(r.todo for r in p.missing if r.todo))
    do = tuple(t for t in todos if not t.startswith("aieng quiz"))
    quiz = tuple(t for t in todos if t.startswith("aieng quiz"))
    if not p.requirements:  # nothing checks it: point at everything that teaches it
        do, quiz = topic.exercises, tuple(f"aieng quiz {q}" for q in topic.quizzes)
    return [
        ("needs", (p.needs,) if p.missing and p.status != "done" else ()),
        ("run", topic.commands),
        ("read", (*topic.docs, *topic.modules)),
        ("do", do),
        ("quiz", quiz),
    ]
