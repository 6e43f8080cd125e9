# mistake: loops over open(path) without `with`: the file stays open until Python frees it
# fails: file_closed matches the reference
# on: one setting
def read_settings(path):
    settings = {}
    for number, line in enumerate(open(path, encoding="utf-8-sig"), start=1):  # noqa: SIM115
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {number}: no = in {line!r}")
        settings[name.strip()] = value.strip()
    return settings
