"""The roadmap as a tool: the curriculum data (``load``) and the learner's progress store."""

from aieng.roadmap.loader import load, load_text
from aieng.roadmap.model import Area, Month, Phase, Roadmap, Topic, normalize_id

__all__ = ["Area", "Month", "Phase", "Roadmap", "Topic", "load", "load_text", "normalize_id"]
