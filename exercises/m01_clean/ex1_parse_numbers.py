"""Exercise m01.parse-numbers — turn the numbers people type into floats.

Exports and spreadsheets write numbers for humans: ``"$1,889.50"``, ``"14%"``, ``" 7.5 "``,
``"(250)"`` (accountants write a negative amount in parentheses). A column of them is text, and
``float("$1,889.50")`` raises ``ValueError``. Write ``parse_numbers`` returning one float per text:

- surrounding spaces do not matter, and neither does a space before ``%``;
- a currency sign ``$``, ``€`` or ``£`` at the start is dropped, and so is a ``%`` at the end
  (``"14%"`` is ``14.0``, not ``0.14``);
- commas are thousands separators (``"1,000,000"`` is a million; the decimal point is ``.``);
- parentheses around the whole number make it negative: ``"($1,000.00)"`` is ``-1000.0``;
- a minus sign stays a minus sign, also beside separators: ``"-1,234.5"`` is ``-1234.5``;
- a text ``float()`` already reads means what ``float()`` says (``"-3"``, ``"+2.5"``, ``"1e3"``).

Try the plain ``float(text)`` first and clean the text only when it raises ``ValueError``
(``try``/``except``: the common case stays fast and exact).

``texts`` is a list of str, possibly empty. Return a NumPy array of float64, shape
``(len(texts),)``.

Check it with ``aieng check m01.parse-numbers``; stuck? ``aieng hint m01.parse-numbers``.
"""

import numpy as np


def parse_numbers(texts: list[str]) -> np.ndarray:
    # TODO: for each text: try float(text); on ValueError clean it (spaces, parentheses,
    #       currency sign, %, commas) and convert again
    # TODO: return np.array(the floats, dtype=np.float64)
    raise NotImplementedError("write parse_numbers")
