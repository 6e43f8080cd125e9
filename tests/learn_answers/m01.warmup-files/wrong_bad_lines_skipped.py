# mistake: skips a line without = silently, so a typo in the file goes unnoticed
# fails: raised matches the reference
def read_settings(path):
    settings = {}
    with open(path, encoding="utf-8-sig") as file:
        for line in file:
            name, sep, value = line.strip().partition("=")
            if not sep or name.startswith("#"):
                continue
            settings[name.strip()] = value.strip()
    return settings
