# mistake: decides the canonical spelling by a rule (Title Case) instead of by what the data uses
# fails: canonical matches the reference
# on: one value
def canonical_spellings(values):
    return {value: " ".join(value.split()).title() for value in values}
