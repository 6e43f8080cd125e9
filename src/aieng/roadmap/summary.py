"""What the progress store means for the curriculum: percent done, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass

from aieng.roadmap.model import Roadmap, Topic
from aieng.roadmap.progress import Entry, Status


def topic_status(topic: Topic, entries: dict[str, Entry]) -> Status:
    """The learner's status of ``topic``: the newest mark under its id or any earlier alias."""
    marks = [entries[i] for i in (topic.id, *topic.aliases) if i in entries]
    return max(marks, key=lambda e: e.updated_at).status if marks else "pending"


@dataclass(frozen=True)
class Tally:
    """Counts for a group of topics (a month, a phase, or the whole roadmap)."""

    total: int
    done: int
    learning: int
    skipped: int

    @property
    def percent(self) -> float:
        """Done as a share of what the learner has not chosen to skip (0–100)."""
        counted = self.total - self.skipped
        return 100.0 * self.done / counted if counted else 100.0


def tally(topics: list[Topic], entries: dict[str, Entry]) -> Tally:
    return _count([topic_status(t, entries) for t in topics])


def _count(statuses: list[Status]) -> Tally:
    return Tally(
        total=len(statuses),
        done=statuses.count("done"),
        learning=statuses.count("learning"),
        skipped=statuses.count("skipped"),
    )


@dataclass(frozen=True)
class Summary:
    overall: Tally
    phases: dict[str, Tally]  # phase id → tally of the topics of its months
    months: dict[str, Tally]  # month id → tally of its topics


def summarize(roadmap: Roadmap, entries: dict[str, Entry]) -> Summary:
    months = {m.id: tally(roadmap.topics_of_month(m.id), entries) for m in roadmap.months}
    phases = {
        p.id: tally(
            [t for m in roadmap.months_of_phase(p.id) for t in roadmap.topics_of_month(m.id)],
            entries,
        )
        for p in roadmap.phases
    }
    return Summary(overall=tally(list(roadmap.topics), entries), phases=phases, months=months)


def exercise_tally(by_month: dict[str, list[str]], entries: dict[str, Entry]) -> dict[str, Tally]:
    """Exercises done per month (``by_month``: month id → exercise ids, from the manifest)."""
    return {
        month: _count([entries[i].status if i in entries else "pending" for i in ids])
        for month, ids in by_month.items()
    }


def next_topic(roadmap: Roadmap, entries: dict[str, Entry]) -> Topic | None:
    """What to do next: finish what is under way, else the first pending topic in teaching order.

    Topics are stored in teaching order (by month), so "first pending" follows the plan.
    """
    statuses = [(t, topic_status(t, entries)) for t in roadmap.topics]
    for wanted in ("learning", "pending"):
        for topic, status in statuses:
            if status == wanted:
                return topic
    return None
