# mistake: `if row.get(name)` is a truth test: it drops 0, False, "" and [] with the Nones
# fails: columns matches the reference
# on: 0, False, '' and [] are values
def present_values(rows, names):
    return {name: [row[name] for row in rows if row.get(name)] for name in names}
