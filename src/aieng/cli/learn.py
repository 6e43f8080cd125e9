"""``aieng learn``, ``check``, ``hint``, ``solution``, ``quiz``: exercises that grade themselves."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from aieng.cli import console
from aieng.errors import UsageError
from aieng.learn import session
from aieng.learn.manifest import Exercise, load
from aieng.learn.sandbox import Sandbox
from aieng.learn.state import LearnState
from aieng.learn.workspace import learner_path, workspace_dir

# NumPy (aieng.learn.grading) is imported only by the commands that grade, when they run, so
# `aieng --help` stays fast.

app = typer.Typer(help="Exercises that grade themselves, offline: list them, start one.")

MARK = {"done": "✓", "learning": "◐", "pending": "·", "skipped": "–"}


@app.callback(invoke_without_command=True)
def overview(ctx: typer.Context) -> None:
    """The exercises by month with your status, and the next one to do."""
    if ctx.invoked_subcommand is not None:
        return
    from aieng.learn.quiz import available
    from aieng.roadmap import load as load_roadmap

    manifest, rm = load(), load_roadmap()
    entries = session.store().entries()
    quizzes, best = available(), LearnState().quiz_best()
    out = console.stdout()
    out.print(f"[bold]Exercises[/] [dim](your files: {escape(str(workspace_dir()))})[/]")
    width = max(len(e.id) for e in manifest.exercises)  # the titles line up in one column
    for month_id in manifest.months:
        exercises = manifest.of_month(month_id)
        done = sum(session.status(e, entries) == "done" for e in exercises)
        quiz = ""
        if month_id in quizzes:
            score = best.get(month_id)
            quiz = f" · quiz: aieng quiz {month_id}" + (
                f" (best {score[0]}/{score[1]})" if score else ""
            )
        out.print(
            f"[bold]{month_id}[/] {escape(rm.month(month_id).title)} · {done}/{len(exercises)} done"
            f"[dim]{escape(quiz)}[/]"
        )
        for e in exercises:
            state = session.status(e, entries)
            out.print(f"  {MARK[state]} {e.id:<{width}} {escape(e.title)}")
    later = [m.id for m in rm.months if m.id not in manifest.months]
    out.print(f"[dim]No exercises yet for {', '.join(later)}.[/]")
    upcoming = session.next_to_do(manifest, entries)
    if upcoming is None:
        out.print("Every exercise is done. Next: the quizzes, then `aieng next`.")
    else:
        out.print(f"[bold]Next:[/] {_how_to_do(upcoming)}")


def _how_to_do(exercise: Exercise) -> str:
    """``m03.loss — aieng learn start m03.loss`` or, once started, where to edit it."""
    from aieng.learn import workspace

    if workspace.is_started(exercise):
        path = escape(str(workspace.learner_path(exercise)))
        return f"{exercise.id} — edit {path}, then `aieng check {exercise.id}`"
    return f"{exercise.id} — `aieng learn start {exercise.id}`"


@app.command()
def start(
    exercise_id: Annotated[
        str | None,
        typer.Argument(help="Exercise id, e.g. m03.loss; default: the next one to do."),
    ] = None,
    reset: Annotated[
        bool, typer.Option("--reset", help="Start over from the starter (your file is backed up).")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before --reset.")] = False,
) -> None:
    """Copy an exercise's starter into your workspace (never over your work)."""
    exercise = _next_or(exercise_id)
    # Before the starter is copied: a start that then fails to prepare would be half done.
    session.require_extras(exercise, by=f"aieng learn start {exercise.id}")
    out = console.stdout()
    target = learner_path(exercise)
    if reset and target.exists() and not yes:
        typer.confirm(f"Replace {target} with the starter (a backup is kept)?", abort=True)
    started = session.start(exercise, reset=reset)
    if started.created:
        out.print(f"Started {exercise.id}: {escape(exercise.title)}")
        if started.backup:
            out.print(f"  your previous file is saved as {escape(str(started.backup))}")
    else:
        out.print(
            f"{exercise.id} is already started; your work is untouched "
            "(`--reset` starts over, keeping a backup)."
        )
    _prepare(exercise)
    out.print(f"  edit:  {escape(str(started.path))}")
    out.print(f"  then:  aieng check {exercise.id}   (or `aieng check --watch` while you edit)")


def _next_or(exercise_id: str | None) -> Exercise:
    """The exercise named, or the first one neither done nor skipped (a newcomer's first)."""
    manifest = load()
    if exercise_id is not None:
        return manifest.get(exercise_id)
    upcoming = session.next_to_do(manifest, session.store().entries())
    if upcoming is None:
        raise UsageError(
            "every exercise is done or skipped: there is no next one to start",
            hint="name one to do again (`aieng learn` lists them), or take a quiz: aieng quiz mNN.",
        )
    return upcoming


def _prepare(exercise: Exercise) -> None:
    """Prepare the grader's cases once, saying so: it imports the reference (a few seconds)."""
    if not session.is_prepared(exercise):
        with console.stderr().status(f"Preparing the grader's cases for {exercise.id} (once)…"):
            session.prepare(exercise)


def _resolve(exercise_id: str | None) -> Exercise:
    manifest = load()
    if exercise_id is not None:
        return manifest.get(exercise_id)
    return session.current(manifest, session.store().entries())


def _show_check(checked: session.Checked) -> None:
    out, v, e = console.stdout(), checked.verdict, checked.exercise
    if v.passed:
        out.print(f"[bold green]✓ {e.id} passed[/]: {escape(v.lines[0])} Marked done.")
        upcoming = session.next_to_do(load(), session.store().entries())
        if upcoming is not None:
            out.print(f"  Next: {_how_to_do(upcoming)}")
        out.print(f"  Compare with the package's code: `aieng solution {e.id}`")
        return
    out.print(
        f"[bold red]✗ {e.id}[/] failed: {escape(v.check)} "
        f"[dim](passed {v.cases_passed} of {v.cases_total} cases)[/]"
    )
    for line in v.lines:
        out.print("  " + escape(line).replace("\n", "\n  "))  # multi-line arrays stay aligned
    out.print(f"  [dim]file: {escape(str(checked.path))}[/]")
    if checked.next_hint:
        out.print(
            f"  Stuck? `aieng hint {e.id}` shows hint {checked.next_hint} of "
            f"{len(session.LAYERS)} ({session.LAYERS[checked.next_hint - 1]})."
        )
    else:
        out.print(f"  Every hint is shown (`aieng hint {e.id}`); `aieng solution {e.id} --reveal`.")


def check(
    exercise_id: Annotated[
        str | None, typer.Argument(help="Exercise id; default: the one you are working on.")
    ] = None,
    watch: Annotated[
        bool, typer.Option("--watch", "-w", help="Grade again on every save until it passes.")
    ] = False,
) -> None:
    """Grade your exercise file: what failed, on which input, expected vs got."""
    exercise = _resolve(exercise_id)
    session.require_extras(exercise, by=f"aieng check {exercise.id}")
    if not watch:
        path = learner_path(exercise)
        # Start the sandbox before grading imports NumPy: the two start-ups overlap.
        sandbox = Sandbox(path) if path.is_file() else None
        try:
            _prepare(exercise)  # the sandbox child waits on stdin meanwhile
            checked = session.check(exercise, sandbox=sandbox)
        except BaseException:
            if sandbox is not None:
                sandbox.close()
            raise
        _show_check(checked)
        if not checked.verdict.passed:
            raise typer.Exit(1)
        return
    from aieng.learn.watch import watch as watch_file

    path = session.learner_file(exercise)
    _prepare(exercise)
    console.stderr().print(f"Watching {escape(str(path))} — save to grade again, Ctrl-C to stop.")

    def grade() -> session.Checked:
        checked = session.check(exercise)
        _show_check(checked)
        return checked

    try:
        watch_file(path, grade, lambda c: c.verdict.passed)
    except KeyboardInterrupt:
        console.stderr().print("Stopped watching.")


def hint(exercise_id: Annotated[str | None, typer.Argument(help="Exercise id.")] = None) -> None:
    """Hints in layers: each call reveals the next (the failure, the concept, where to read)."""
    exercise = _resolve(exercise_id)
    hints = session.hint(exercise)
    out = console.stdout()
    for h in hints:
        out.print(f"[bold]Hint {h.layer}/{len(session.LAYERS)} — {h.title}[/]")
        for line in h.text.splitlines():
            out.print(f"  {escape(line)}")
    if len(hints) < len(session.LAYERS):
        out.print(f"[dim]Run `aieng hint {exercise.id}` again for the next layer.[/]")
    else:
        out.print(
            f"[dim]That is every hint. Still stuck: `aieng solution {exercise.id} --reveal`.[/]"
        )


def solution(
    exercise_id: Annotated[str, typer.Argument(help="Exercise id.")],
    reveal: Annotated[
        bool, typer.Option("--reveal", help="Show it before you pass (recorded as revealed).")
    ] = False,
) -> None:
    """The package's reference solution: after you pass, or with --reveal."""
    exercise = load().get(exercise_id)
    session.require_extras(exercise, by=f"aieng solution {exercise.id}")
    sol = session.solution(exercise, reveal=reveal)
    out = console.stdout()
    note = " [yellow](revealed before passing — recorded)[/]" if sol.revealed else ""
    out.print(f"[bold]{sol.reference}[/] — {escape(sol.file)}:{sol.line}{note}")
    typer.echo(sol.source)


def quiz(
    month: Annotated[str, typer.Argument(help="Month id, e.g. m03.")],
    answers: Annotated[
        str | None,
        typer.Option(
            "--answers",
            help="Answer without prompts, e.g. 1=b,2=0.5 (for scripts); needs --seed, since "
            "the letters name the choices as that attempt shows them.",
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            min=0,
            help="Shuffle the choices with this seed (each attempt prints its own): the same "
            "seed shows the same order again.",
        ),
    ] = None,
    show: Annotated[
        bool,
        typer.Option("--show", help="Print the attempt's questions and stop (nothing marked)."),
    ] = False,
) -> None:
    """A short concept quiz for a month: multiple choice and numbers, each explained."""
    from aieng.errors import UsageError
    from aieng.learn.quiz import Question, attempt, load_quiz, mark, new_seed, parse_answers

    q = load_quiz(month)
    example = f"aieng quiz {q.month} --seed {1 if seed is None else seed}"
    if answers is not None and show:
        raise UsageError(
            "--show and --answers do not go together: --show prints an attempt, --answers "
            "marks one",
            hint=f"first `{example} --show`, then `{example} --answers 1=…,2=…`.",
        )
    if answers is not None and seed is None:
        # Without the seed the letters would be marked against an order nobody has seen.
        raise UsageError(
            f"--answers {answers} came without --seed: the choices are shuffled per attempt, "
            "and letters name them only as one attempt shows them",
            hint=f"print an attempt with `{example} --show`, then answer it with "
            f"`{example} --answers 1=…,2=…`.",
        )
    taken = attempt(q, new_seed() if seed is None else seed)
    out = console.stdout()
    out.print(
        f"[bold]Quiz {q.month} · {escape(q.title)}[/] ({len(q.questions)} questions · "
        f"seed {taken.seed})"
    )
    out.print(
        f"[dim]The choices are shuffled; `aieng quiz {q.month} --seed {taken.seed}` shows "
        "them in this order again.[/]"
    )

    def ask(i: int, question: Question) -> None:
        out.print(f"\n[bold]{i}.[/] {escape(question.prompt)}")
        for letter, choice in zip(question.letters, question.choices, strict=False):
            out.print(f"   {letter}) {escape(choice)}")

    if show:
        for i, question in enumerate(taken.shown.questions, 1):
            ask(i, question)
        out.print(f"\nAnswer with `aieng quiz {q.month} --seed {taken.seed} --answers 1=…,2=…`.")
        return
    if answers is not None:
        given = parse_answers(taken.shown, answers)
    else:
        given = {}
        for i, question in enumerate(taken.shown.questions, 1):
            ask(i, question)
            while i not in given:
                raw = typer.prompt("letter" if question.choices else "number")
                try:
                    given[i] = question.parse(raw)
                except UsageError as exc:
                    console.stderr().print(escape(f"{exc.message}: {exc.hint}"))
    marked = mark(taken, given)
    for i, m in enumerate(marked, 1):
        sign = "[green]✓[/]" if m.right else "[red]✗[/]"
        verdict = (
            "right"
            if m.right
            else f"you answered {m.question.text_of(m.given)}; the answer is "
            f"{m.question.correct_text}"
        )
        out.print(f"{sign} {i}. {escape(verdict)} — {escape(m.question.explanation)}")
    right = sum(m.right for m in marked)
    best = session.record_quiz(q, marked)  # each answer moves its topics; the best is kept
    out.print(
        f"[bold]{right}/{len(marked)}[/] right (your best: {best}/{len(marked)}; "
        f"seed {taken.seed})."
    )
