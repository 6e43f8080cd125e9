# mistake: a set comprehension loses duplicates and order, and cannot hold a list
# fails: present_values() runs without error
# on: 0, False, '' and [] are values
def present_values(rows, names):
    return {name: list({row[name] for row in rows if row.get(name) is not None}) for name in names}
