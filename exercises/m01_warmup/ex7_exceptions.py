"""Exercise m01.warmup-exceptions — exceptions: a setting that must be an integer.

Settings read from a file are text: ``{"port": "8080", "workers": " 4 "}``. Write
``setting(config, name, default)`` returning one of them as an int:

- the integer ``config[name]`` holds, as ``int()`` reads it (spaces around it and a sign are
  fine: ``" 4 "`` is 4, ``"-7"`` is -7);
- ``default``, as it is, when ``name`` is not in ``config`` (``None`` is a fine default);
- a value that ``int()`` refuses (``"eighty"``, ``"2.5"``, and the empty ``""``, which is not
  the same as absent) raises ``ValueError`` with a message that names the setting and shows the
  value received as ``repr()`` writes it, quotes included — for example
  ``setting 'port': expected an integer, got 'eighty'`` — so the person editing the file knows
  which line to fix. Returning the default instead would hide their typo.

``config`` maps str to str; leave it as it is. Only ``config[name]`` is read.

The idea: try the conversion and *catch* the one exception that means "not an integer", then
*raise* your own, which says more. Catch only what you expect: an ``except`` that catches
everything also catches the mistakes you would want to see.

Check it with ``aieng check m01.warmup-exceptions``; stuck? ``aieng hint m01.warmup-exceptions``.
"""


def setting(config: dict[str, str], name: str, default: int | None) -> int | None:
    # TODO: absent → the default
    # TODO: int() of the value; on ValueError raise your own ValueError, naming the setting
    raise NotImplementedError("write setting")
