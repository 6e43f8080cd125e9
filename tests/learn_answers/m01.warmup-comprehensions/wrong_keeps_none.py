# mistake: checks that the key is there, but keeps the None it holds
# fails: columns matches the reference
# on: None is missing
def present_values(rows, names):
    return {name: [row[name] for row in rows if name in row] for name in names}
