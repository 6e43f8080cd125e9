# mistake: row[name] on a row that has no such key raises KeyError
# fails: present_values() runs without error
# on: a row without the key
def present_values(rows, names):
    return {name: [row[name] for row in rows if row[name] is not None] for name in names}
