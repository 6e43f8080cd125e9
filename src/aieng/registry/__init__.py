"""The model registry: where the champion is, what kind of model it is, and its files.

MLflow keeps the runs and the registered models (an embedded SQLite store under
``$AIENG_HOME/mlflow`` by default, or any tracking server). Month 6 registers models and moves the
``champion`` alias; month 10 serves the champion; the months after it add models of other
flavors and read the registry too. So it lives here, not inside the pipeline:

- :mod:`aieng.registry.tracking`: the store, its URI, and every tag name aieng writes;
- :mod:`aieng.registry.flavors`: how each kind of model is saved and loaded, and its task;
- :mod:`aieng.registry.models`: a model logged and registered, or loaded back;
- :mod:`aieng.registry.versions`: versions, the champion alias, digests, export to a folder;
- :mod:`aieng.registry.provenance`: the environment and commit a run is tagged with.

Importing it is cheap: MLflow loads when a function that needs it runs.
"""
