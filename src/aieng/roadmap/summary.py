"""What the progress store means for the curriculum: each topic's status, percent done, what next.

A topic's status comes from ``aieng.roadmap.evidence`` (the learner's marks, and the exercises
passed and quiz questions answered that teach it); this module counts them per month, phase and
overall, and picks what to do next.
"""

from __future__ import annotations

from dataclasses import dataclass

from aieng.roadmap.evidence import Teaching, TopicProgress, topic_progress
from aieng.roadmap.model import Roadmap, Topic
from aieng.roadmap.progress import Entry, Snapshot, Status

Assessed = dict[str, TopicProgress]  # topic id → its progress and why


def assess(roadmap: Roadmap, snapshot: Snapshot, teaching: Teaching) -> Assessed:
    """Every topic's progress: 128 topics, a few dict lookups each (well under a millisecond)."""
    return {
        t.id: topic_progress(t, snapshot.marks, snapshot.results, teaching) for t in roadmap.topics
    }


@dataclass(frozen=True)
class Tally:
    """Counts for a group of topics (a month, a phase, or the whole roadmap)."""

    total: int
    done: int
    learning: int
    skipped: int
    earned: int = 0  # of the done ones, those your results completed (not a mark by hand)

    @property
    def percent(self) -> float:
        """Done as a share of what the learner has not chosen to skip (0–100)."""
        counted = self.total - self.skipped
        return 100.0 * self.done / counted if counted else 100.0


def tally(topics: list[Topic], assessed: Assessed) -> Tally:
    progress = [assessed[t.id] for t in topics]
    statuses = [p.status for p in progress]
    return _count(
        statuses, earned=sum(p.status == "done" and p.source == "results" for p in progress)
    )


def _count(statuses: list[Status], *, earned: int = 0) -> Tally:
    return Tally(
        total=len(statuses),
        done=statuses.count("done"),
        learning=statuses.count("learning"),
        skipped=statuses.count("skipped"),
        earned=earned,
    )


@dataclass(frozen=True)
class Summary:
    overall: Tally
    phases: dict[str, Tally]  # phase id → tally of the topics of its months
    months: dict[str, Tally]  # month id → tally of its topics


def summarize(roadmap: Roadmap, assessed: Assessed) -> Summary:
    months = {m.id: tally(roadmap.topics_of_month(m.id), assessed) for m in roadmap.months}
    phases = {
        p.id: tally(
            [t for m in roadmap.months_of_phase(p.id) for t in roadmap.topics_of_month(m.id)],
            assessed,
        )
        for p in roadmap.phases
    }
    return Summary(overall=tally(list(roadmap.topics), assessed), phases=phases, months=months)


def exercise_tally(by_month: dict[str, list[str]], marks: dict[str, Entry]) -> dict[str, Tally]:
    """Exercises done per month (``by_month``: month id → exercise ids, from the manifest)."""
    return {
        month: _count([marks[i].status if i in marks else "pending" for i in ids])
        for month, ids in by_month.items()
    }


def next_topic(roadmap: Roadmap, assessed: Assessed) -> Topic | None:
    """What to do next: finish what is under way, else the first pending topic in teaching order.

    Topics are stored in teaching order (by month), so "first pending" follows the plan.
    """
    for wanted in ("learning", "pending"):
        for topic in roadmap.topics:
            if assessed[topic.id].status == wanted:
                return topic
    return None
