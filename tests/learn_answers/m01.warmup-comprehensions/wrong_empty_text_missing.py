# mistake: takes the empty text for a missing value too
# fails: columns matches the reference
# on: 0, False, '' and [] are values
def present_values(rows, names):
    return {name: [row[name] for row in rows if row.get(name) not in (None, "")] for name in names}
