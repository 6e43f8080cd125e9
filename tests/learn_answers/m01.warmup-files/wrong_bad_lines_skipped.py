# mistake: skips a line without = silently, so a typo in the file goes unnoticed
# fails: raised matches the reference
# on: a line without =, line 3 (blank lines count)
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for line in file:
            name, sep, value = line.strip().partition("=")
            if not sep or name.startswith("#"):
                continue
            settings[name.strip()] = value.strip()
    return settings
