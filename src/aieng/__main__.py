"""``python -m aieng`` runs the same CLI as the ``aieng`` command."""

from aieng.cli.main import main

main()
