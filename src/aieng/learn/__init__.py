"""Learn mode: exercises that grade themselves, offline and in about a second (like rustlings).

The pieces, one concept per module:

* ``manifest`` — ``exercises/info.toml``: every exercise in order, its hints and the package
  function that is its reference solution (validated by pydantic at load);
* ``workspace`` — where the learner's copies of the starters live (``./aieng-workspace``);
* ``grader`` — the grader API: cases, expected outputs, tolerances, the contract checks;
  ``exact`` — the outputs compared exactly: text, JSON data, booleans, file trees;
* ``harnesses/mNN.py`` — what a grader runs around the learner's function in the sandbox when
  the property is not in a return value: a disk that fills up, a rename that fails, secrets that
  report every comparison;
* ``sandbox`` / ``child`` — the learner's code runs in a subprocess with a time and memory limit;
* ``cases`` — fixed and generated cases (hypothesis, derandomized) with the reference's
  answers, prepared once and cached; ``grading`` — run them, explain the first failure;
* ``state`` — per-learner hint layers and revealed solutions; ``quiz`` — concept quizzes;
* ``teaching`` — which exercises and quiz questions teach each roadmap topic (what moves it);
* ``session`` — what the commands do (check, hint, solution); ``watch`` — grade on save;
* ``graders/mNN.py`` — one grader per exercise of month NN.

Nothing here imports the reference implementations at import time: ``aieng.scratch`` pulls in
scikit-learn (about 2 s), which a warm ``aieng check`` never needs.
"""
