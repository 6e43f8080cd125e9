# mistake: splits the decoded text at "\n" and strips only spaces: a Windows "\r" stays in the value
# fails: settings matches the reference
# on: Windows line endings (\r\n)
def read_settings(path):
    settings = {}
    text = path.read_bytes().decode("utf-8-sig")
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip(" ") == "" or line.lstrip(" ").startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"line {number}: no = in {line!r}")
        settings[name.strip(" ")] = value.strip(" ")
    return settings
