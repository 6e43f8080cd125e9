# mistake: only names that some row has get an entry, where every name asked for should
# fails: columns matches the reference
# on: no rows
def present_values(rows, names):
    seen = {key for row in rows for key in row}
    return {
        name: [row[name] for row in rows if row.get(name) is not None]
        for name in names
        if name in seen
    }
