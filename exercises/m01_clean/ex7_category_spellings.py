"""Exercise m01.category-spellings — one category, many spellings: pick the canonical one.

A column typed by hand holds one category in several spellings: ``"Yes"``, ``"yes"``,
``" YES "``. ``aieng clean`` merges them, and this is its first kind of merge. Write
``canonical_spellings(values)`` returning a dict that maps every distinct spelling in
``values`` to the spelling of its category that the cleaned column will use:

- two spellings are one category when they have the same letters up to case and spacing: equal
  once case-folded (``str.casefold()``, which also folds ``"ß"`` to ``"ss"`` and ``"ﬁ"`` to
  ``"fi"``) and with every run of whitespace — tabs and non-breaking spaces included — made one
  space and trimmed at both ends. Accents are letters: ``"café"`` and ``"cafe"`` stay two
  categories; so do near misses like ``"Yse"`` (a later step of ``aieng clean`` handles typos);
- a category's canonical spelling is its most frequent spelling in ``values``, exactly as it is
  written there (spaces included), and a tie goes to the first of the tied spellings in Python's
  string order (``"YES" < "Yes" < "yes"``; a space sorts before letters);
- every distinct spelling is a key, the canonical one included (it maps to itself).

``values`` is a list of str; leave it as it is. Return a dict of str to str.

The idea: a *key* function turns each spelling into what makes two spellings equal; group the
spellings by key and count them, then choose each group's winner with one rule that puts "most
rows" first and the string order second.

Check it with ``aieng check m01.category-spellings``; stuck? ``aieng hint m01.category-spellings``.
"""


def canonical_spellings(values: list[str]) -> dict[str, str]:
    # TODO: the comparison key of a spelling
    # TODO: count each spelling; group the spellings by key
    # TODO: each group's winner; map every spelling to its group's winner
    raise NotImplementedError("write canonical_spellings")
