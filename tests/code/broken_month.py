"""A month project that fails halfway, for the dispatcher's clean-up test."""

from __future__ import annotations

from aieng.runs import RunConfig, RunResult

Config = RunConfig


def run(config: RunConfig) -> RunResult:
    (config.out_dir / "half.txt").write_text("half")
    raise ValueError("boom")
