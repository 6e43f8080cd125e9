"""Grader of month 10's tools: a Dockerfile for a small Python service, read and linted.

``m10.dockerfile``'s answer is a Dockerfile (``answer = "dockerfile"``), never built: each case
is one rule of the exercise's statement, checked by ``aieng.learn.harnesses.m10_dockerfile``
on the learner's file and on the package's (``aieng/learn/references/service.Dockerfile``),
which follows them all. The first rule a file breaks is the one the learner reads, with the
lines that break it; hadolint comes last, so the rules the exercise is about are explained in
its own words first.
"""

from __future__ import annotations

from aieng.learn.grader import Case, Grader, Output
from aieng.learn.harnesses import m10_dockerfile

GRADERS: dict[str, Grader] = {
    "m10.dockerfile": Grader(
        params=("rule",),
        outputs=(Output("follows", "bool"),),
        fixed=lambda: [
            Case(title, (rule,)) for rule, (title, _, _) in m10_dockerfile.RULES.items()
        ],
        n_generated=0,  # the rules are the cases: a Dockerfile has no input to vary
        harness=m10_dockerfile.follows,
    ),
}
