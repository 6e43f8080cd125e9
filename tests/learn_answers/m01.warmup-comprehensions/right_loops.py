# right: plain loops instead of comprehensions, `in` for the key and `is not None` for the value
def present_values(rows, names):
    result = {}
    for name in names:
        values = []
        for row in rows:
            if name in row and row[name] is not None:
                values.append(row[name])
        result[name] = values
    return result
