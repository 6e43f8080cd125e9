# right: one nested comprehension; the walrus keeps row.get(name) so it is looked up once
def present_values(rows, names):
    return {name: [value for row in rows if (value := row.get(name)) is not None] for name in names}
