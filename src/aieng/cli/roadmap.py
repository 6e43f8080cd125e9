"""``aieng roadmap``: the whole plan as a tree, one month/phase/area/topic in depth, or JSON."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from aieng.cli import console
from aieng.errors import unknown_name
from aieng.learn.teaching import current
from aieng.roadmap import Month, Roadmap, Topic, normalize_id
from aieng.roadmap.evidence import TopicProgress
from aieng.roadmap.summary import Assessed, Tally, summarize
from aieng.runs import built_months

app = typer.Typer(no_args_is_help=False, help="Show the 12-month plan and where aieng teaches it.")

MARK = {"done": "✓", "learning": "◐", "pending": "·", "skipped": "–"}
PLAIN_MARK = {"done": "[x]", "learning": "[~]", "pending": "[ ]", "skipped": "[-]"}


def _month_status(month: Month) -> str:
    return "built" if month.id in built_months() else "planned"


def _tally_text(t: Tally) -> str:
    return f"{t.done}/{t.total - t.skipped} done ({t.percent:.0f}%)"


def _quiz_commands(topic: Topic) -> tuple[str, ...]:
    return tuple(f"aieng quiz {q}" for q in topic.quizzes)


def _where(topic: Topic) -> str:
    """Everything that teaches the topic, in one line, or ``planned``."""
    refs = (*topic.commands, *topic.modules, *topic.exercises, *_quiz_commands(topic), *topic.docs)
    return ", ".join(refs) or "planned"


def _topic_line(topic: Topic, assessed: Assessed, *, plain: bool) -> str:
    status = assessed[topic.id].status
    mark = (PLAIN_MARK if plain else MARK)[status]
    where = _where(topic)
    if plain:
        return f"{mark} {topic.id}  {topic.title}  ({where})"
    colour = "green" if topic.status == "built" else "dim"
    return (
        f"{mark} [bold]{escape(topic.id)}[/]  {escape(topic.title)}  [{colour}]{escape(where)}[/]"
    )


def _plan_tree(rm: Roadmap, assessed: Assessed, *, topics: bool, plain: bool) -> list[str] | Tree:
    summary = summarize(rm, assessed)
    built = sum(1 for t in rm.topics if t.status == "built")
    head = (
        f"AI Engineering Roadmap · {len(rm.phases)} phases · {len(rm.months)} months · "
        f"{len(rm.areas)} concept areas · {len(rm.topics)} topics ({built} taught by aieng so far)"
        f" · you: {_tally_text(summary.overall)}"
    )
    lines: list[str] = [head]
    tree = Tree(f"[bold]{escape(head)}[/]")
    for phase in rm.phases:
        months = rm.months_of_phase(phase.id)
        label = (
            f"Phase {phase.id[1]} · {phase.title} (months {months[0].number}–{months[-1].number})"
            f" · {_tally_text(summary.phases[phase.id])}"
        )
        lines.append(f"  {label}")
        branch = tree.add(f"[bold cyan]{escape(label)}[/]")
        for m in months:
            state = _month_status(m)
            label = f"{m.id} {m.title} [{state}] · {_tally_text(summary.months[m.id])}"
            lines += [
                f"    {label}",
                f"      project: {m.project}",
                f"      aieng:   {m.deliverable}",
            ]
            colour = "green" if state == "built" else "yellow"
            node = branch.add(
                f"[bold]{m.id}[/] {escape(m.title)} [{colour}]\\[{state}][/] · "
                f"{_tally_text(summary.months[m.id])}"
            )
            node.add(f"[dim]project:[/] {escape(m.project)}")
            node.add(f"[dim]aieng:[/]   {escape(m.deliverable)}")
            if topics:
                for t in rm.topics_of_month(m.id):
                    lines.append(f"      {_topic_line(t, assessed, plain=True)}")
                    node.add(_topic_line(t, assessed, plain=False))
    lines.append("  Concept areas")
    areas = tree.add("[bold cyan]Concept areas[/]")
    for a in rm.areas:
        n = len(rm.topics_of_area(a.id))
        label = f"{a.number:>2}. {a.title} ({a.tagline}) — {n} topics: {a.summary}"
        lines.append(f"    {label}")
        areas.add(escape(label))
    return lines if plain else tree


def _as_json(rm: Roadmap, assessed: Assessed) -> dict[str, Any]:
    doc = rm.model_dump(mode="json")
    for month in doc["months"]:
        month["status"] = _month_status(rm.month(month["id"]))
    for topic, raw in zip(rm.topics, doc["topics"], strict=True):
        raw["status"] = topic.status
        raw["progress"] = assessed[topic.id].status
        raw["why"] = assessed[topic.id].to_json()
    return doc


@app.callback(invoke_without_command=True)
def roadmap(
    ctx: typer.Context,
    topics: Annotated[bool, typer.Option("--topics", "-t", help="List every topic.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="The whole plan as JSON.")] = False,
    plain: Annotated[
        bool, typer.Option("--plain", help="Plain indented text (for pipes and grep).")
    ] = False,
) -> None:
    """The whole plan: 4 phases, 12 months, 10 concept areas, with your progress."""
    if ctx.invoked_subcommand is not None:
        return
    now = current()
    rm, assessed = now.roadmap, now.assessed
    if as_json:
        typer.echo(json.dumps(_as_json(rm, assessed), indent=2, ensure_ascii=False))
        return
    view = _plan_tree(rm, assessed, topics=topics, plain=plain)
    if isinstance(view, list):
        typer.echo("\n".join(view))
    else:
        console.stdout().print(view, soft_wrap=False)  # wrap long lines inside the tree
        console.stdout().print(
            "[dim]aieng roadmap show m03 · aieng roadmap --topics · aieng next[/]"
        )


@app.command()
def show(
    item: Annotated[
        str, typer.Argument(help="A month (m03), phase (p2), area (data) or topic id.")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    """One month, phase, concept area or topic in depth."""
    now = current()
    rm, assessed = now.roadmap, now.assessed
    key = normalize_id(item)
    progress: TopicProgress | None = None
    months = {m.id: m for m in rm.months}
    phases = {p.id: p for p in rm.phases}
    areas = {a.id: a for a in rm.areas}
    by_id = rm.canonical_ids()
    if key in months:
        m = months[key]
        doc: dict[str, Any] = {**m.model_dump(mode="json"), "status": _month_status(m)}
        title = f"{m.id} · {m.title}"
        fields = [
            ("phase", m.phase),
            ("status", doc["status"]),
            ("goal", m.goal),
            ("project", m.project),
            ("aieng", m.deliverable),
            ("module", m.module),
            ("command", m.command),
        ]
        listed = rm.topics_of_month(m.id)
    elif key in phases:
        p = phases[key]
        doc = p.model_dump(mode="json")
        title = f"Phase {p.id[1]} · {p.title}"
        ms = rm.months_of_phase(p.id)
        fields = [("summary", p.summary)] + [(m.id, f"{m.title} [{_month_status(m)}]") for m in ms]
        listed = [t for m in ms for t in rm.topics_of_month(m.id)]
    elif key in areas:
        a = areas[key]
        doc = a.model_dump(mode="json")
        title = f"{a.number}. {a.title} ({a.tagline})"
        fields = [("summary", a.summary)]
        listed = rm.topics_of_area(a.id)
    elif key in by_id:
        t = next(x for x in rm.topics if x.id == by_id[key])
        progress = assessed[t.id]
        doc = {**t.model_dump(mode="json"), "status": t.status, "progress": progress.to_json()}
        title = f"{t.id} · {t.title}"
        fields = [
            ("source", t.source),
            ("area", t.area),
            ("month", t.month),
            ("why", t.why),
            ("status", t.status),
            ("progress", f"{progress.status} — {progress.reason}"),
            ("modules", ", ".join(t.modules)),
            ("commands", ", ".join(t.commands)),
            ("exercises", ", ".join(t.exercises)),
            ("quizzes", ", ".join(_quiz_commands(t))),
            ("docs", ", ".join(t.docs)),
        ]
        listed = []
    else:
        known = [*months, *phases, *areas, *by_id]
        raise unknown_name("roadmap item", item, known, list_command="aieng roadmap --topics")
    if as_json:
        doc["topics"] = [t.id for t in listed]
        typer.echo(json.dumps(doc, indent=2, ensure_ascii=False))
        return
    out = console.stdout()
    out.print(f"[bold]{escape(title)}[/]")
    grid = Table.grid(padding=(0, 2))  # values wrap under themselves, not under the labels
    grid.add_column(style="cyan", justify="right", no_wrap=True)
    grid.add_column()
    for name, value in fields:
        if value:
            grid.add_row(name, escape(value))
    out.print(grid)
    if progress is not None and progress.requirements:
        _requirements(by_id[key], progress)
    if listed:
        table = Table("", "topic", "title", "taught by aieng", "month", box=None)
        for t in listed:
            table.add_row(MARK[assessed[t.id].status], t.id, t.title, _where(t), t.month)
        out.print(table)


def _requirements(topic_id: str, progress: TopicProgress) -> None:
    """What completes the topic, one row each: met or not, where you stand, what to run."""
    out = console.stdout()
    table = Table("", "counts toward it", "you", "to do", box=None)
    for r in progress.requirements:
        table.add_row("✓" if r.met else "·", escape(r.label), escape(r.state), escape(r.todo))
    out.print(table)
    if progress.source == "marked" and progress.status in ("done", "skipped"):
        out.print(
            f"[dim]Your mark wins over these; `aieng progress mark {topic_id} pending` starts "
            "the topic over (what you pass or answer after it counts).[/]"
        )
