# mistake: errors="replace" turns bytes that are not UTF-8 into "�" instead of an error
# fails: raised matches the reference
# on: bytes that are not UTF-8 (Latin-1)
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig", errors="replace") as file:
        for number, line in enumerate(file, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, value = line.partition("=")
            if not sep:
                raise ValueError(f"line {number}: no = in {line!r}")
            settings[name.strip()] = value.strip()
    return settings
