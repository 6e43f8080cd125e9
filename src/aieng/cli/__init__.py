"""The ``aieng`` command line: wiring only.

Each command group lives in its own module and calls library functions; no logic lives here
that a Python user could not reach without the CLI.
"""
