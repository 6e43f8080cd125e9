# mistake: closes the file with f.close() at the end, a line the error of a bad line never reaches
# fails: file_closed matches the reference
# on: a line without =, line 3 (blank lines count)
def read_settings(path):
    settings = {}
    file = open(path, encoding="utf-8-sig")  # noqa: SIM115
    for number, line in enumerate(file, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {number}: no = in {line!r}")
        settings[name.strip()] = value.strip()
    file.close()
    return settings
