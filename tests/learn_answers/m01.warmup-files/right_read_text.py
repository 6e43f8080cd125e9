# right: read_text() opens and closes the file itself; split("=", 1) splits at the first = only
def read_settings(path):
    settings = {}
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        line = line.strip()
        if line == "" or line[0] == "#":
            continue
        if "=" not in line:
            raise ValueError(f"line {number} of {path} has no '=': {line!r}")
        name, value = line.split("=", 1)
        settings[name.strip()] = value.strip()
    return settings
