"""aieng — the AI Engineering Roadmap as working software.

Nothing here does I/O on import: paths, seeds and tracking are set inside the
functions that need them (see ``aieng.settings``).
"""

__version__ = "0.1.0"
