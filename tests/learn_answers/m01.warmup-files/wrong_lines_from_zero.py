# mistake: enumerate counts from 0, so the message names the line before the bad one
# fails: line_in_message matches the reference
# on: a line without =, line 3 (blank lines count)
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for number, line in enumerate(file):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings[name.strip()] = value.strip()
    return settings
