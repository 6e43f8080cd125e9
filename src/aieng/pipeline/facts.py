"""What a run learns before its first stage, that a stage's params may depend on."""

from __future__ import annotations

from dataclasses import dataclass

from aieng.registry.versions import Champion


@dataclass(frozen=True)
class RunFacts:
    """What a run learns before its first stage and a stage's params may depend on."""

    data_hash: str  # the source's content hash
    tracking_uri: str  # the registry the run reads the champion from and registers in
    champion: Champion | None  # the version holding the champion alias as the run begins
