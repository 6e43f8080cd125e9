# mistake: fills absent keys with None in the caller's rows (setdefault) to avoid the KeyError
# fails: does not modify its inputs
# on: a row without the key
def present_values(rows, names):
    for row in rows:
        for name in names:
            row.setdefault(name, None)
    return {name: [row[name] for row in rows if row[name] is not None] for name in names}
