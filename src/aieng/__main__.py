"""``python -m aieng`` runs the same CLI as the ``aieng`` command."""

from aieng.cli.main import main

# The guard matters: a child process started with "spawn" (the service's model process)
# imports this module again as ``__mp_main__``, and must not start a second CLI.
if __name__ == "__main__":
    main()
