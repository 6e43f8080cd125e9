"""Month 1: ``aieng clean`` — a data-cleaning tool that logs every change it makes.

``clean(frame, config)`` is the pure core (no I/O); :mod:`aieng.clean.corrupt` makes dirty copies
of catalog datasets with known faults and scores how well cleaning restores them.
"""

from aieng.clean.config import CleanConfig, load_config
from aieng.clean.pipeline import CleanResult, clean

__all__ = ["CleanConfig", "CleanResult", "clean", "load_config"]
