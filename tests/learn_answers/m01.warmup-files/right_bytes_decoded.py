# right: reads the bytes in a with block, drops a BOM by hand, decodes strictly, strips each line
import codecs


def read_settings(path):
    with open(path, "rb") as file:
        data = file.read()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    text = data.decode("utf-8")
    settings = {}
    for index, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, equals, value = line.partition("=")
        if not equals:
            raise ValueError(f"settings line {index + 1}: no '=' in {line!r}")
        settings[name.strip()] = value.strip()
    return settings
