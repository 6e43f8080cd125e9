# mistake: the comprehensions nested the other way round: one dict per row instead of per column
# fails: columns matches the reference
# on: one row
def present_values(rows, names):
    return [{name: row[name] for name in names if row.get(name) is not None} for row in rows]
