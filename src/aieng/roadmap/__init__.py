"""The roadmap as a tool: the curriculum data (``load``), the learner's progress store, and the
rule that turns marks and results into each topic's status (``evidence``).
"""

from aieng.roadmap.loader import load, load_text
from aieng.roadmap.model import Area, Month, Phase, Roadmap, Topic, normalize_id

__all__ = ["Area", "Month", "Phase", "Roadmap", "Topic", "load", "load_text", "normalize_id"]
