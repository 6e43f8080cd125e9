"""Exercise m01.warmup-dicts — lists and dicts: the most frequent words.

Before building a vocabulary, count the words. Write ``top_words(words, n)`` returning the ``n``
most frequent words of the list ``words``:

- most frequent first; words equally frequent in Python's string order (the order ``sorted()``
  gives: ``"B"`` before ``"a"`` before ``"b"``);
- words are compared exactly: ``"The"`` and ``"the"`` are two words;
- fewer than ``n`` distinct words: all of them; ``n = 0`` (or no words): an empty list.

``words`` is a list of str, ``n`` an int ≥ 0. Return a new list of str, and leave ``words`` as
it was: the caller still needs it in its order.

The idea: a dict maps each word to its count in one pass over the list; then the distinct words
are sorted by a *key* that says what to compare first and what breaks a tie.

Check it with ``aieng check m01.warmup-dicts``; stuck? ``aieng hint m01.warmup-dicts``.
"""


def top_words(words: list[str], n: int) -> list[str]:
    # TODO: count each word in a dict
    # TODO: the distinct words, most frequent first, ties in string order; the first n
    raise NotImplementedError("write top_words")
