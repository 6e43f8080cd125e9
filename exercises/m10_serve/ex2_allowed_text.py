"""Exercise m10.allowed-text — what a field accepts, in the words a 422 shows.

When the service refuses a request, its 422 names the field, shows what was received and says
what is allowed, in words a caller can act on::

    {"field": "contract", "received": "Monthly",
     "allowed": "one of 'Month-to-month', 'One year', 'Two year'", ...}

The words come from the same data-contract rule the request model is built from, so they can
never disagree with what is checked. Write ``allowed_text(rule)``: ``rule`` is a dict with a
``"type"`` (``"int"``, ``"float"``, ``"bool"``, ``"category"`` or ``"text"``) and, when they
apply, ``"min"``, ``"max"`` (inclusive bounds), ``"allowed"`` (a list of texts, in the
contract's order) and ``"nullable"`` (``True`` when null is allowed; ``False`` when absent).
Return:

- a category with an ``allowed`` list: ``"one of "`` and each value written with ``repr()``,
  joined by ``", "`` — ``one of 'No', 'Yes'``;
- a bool: ``true or false``;
- an int or a float: ``an integer`` / ``a number``, then ``from MIN to MAX`` when both bounds
  are set, ``of at least MIN`` when only the minimum is, ``of at most MAX`` when only the
  maximum is, nothing more when neither is — ``an integer from 0 to 120``, ``a number of at
  least 0``. Write the bounds with ``f"{x:g}"`` (so ``200.0`` is ``200`` and ``0.5`` stays
  ``0.5``);
- anything else (text, or a category without an ``allowed`` list): ``text``;
- and when the rule is nullable, ``", or null"`` at the end — ``true or false, or null``.

``allowed_codes`` is written for you and is what the grader calls: it returns your text as its
characters' code points, padded with zeros (the grader compares numbers and shows them back to
you as text).

Check it with ``aieng check m10.allowed-text``; stuck? ``aieng hint m10.allowed-text``.
"""

from typing import Any

import numpy as np

WIDTH = 200  # characters the answer may take


def allowed_text(rule: dict[str, Any]) -> str:
    # TODO: the words for the type: category with "allowed", bool, int/float (with bounds), text
    # TODO: bounds: both → "from A to B", min only → "of at least A", max only → "of at most B"
    # TODO: append ", or null" when rule.get("nullable")
    raise NotImplementedError("write allowed_text")


def allowed_codes(rule: dict[str, Any]) -> np.ndarray:
    """Graded (leave as is): your text's code points, padded with zeros to WIDTH."""
    text = allowed_text(rule)
    if not isinstance(text, str):
        raise TypeError(f"allowed_text must return a str, got {text!r}")
    if len(text) > WIDTH:
        raise ValueError(f"allowed_text returned {len(text)} characters; at most {WIDTH} expected")
    codes = np.zeros(WIDTH)
    codes[: len(text)] = [ord(c) for c in text]
    return codes
