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
  least 0``. A bound is written as the ``g`` format writes it: ``200.0`` is ``200``, ``0.5``
  stays ``0.5``, ``1000000`` is ``1e+06``;
- anything else (text, or a category without an ``allowed`` list): ``text``;
- and when the rule is nullable, ``", or null"`` at the end — ``true or false, or null``.

Check it with ``aieng check m10.allowed-text``; stuck? ``aieng hint m10.allowed-text``.
"""

from typing import Any


def allowed_text(rule: dict[str, Any]) -> str:
    # TODO: the words for the rule's type (and its bounds, or its allowed texts)
    # TODO: the null suffix, when the rule allows null
    raise NotImplementedError("write allowed_text")
