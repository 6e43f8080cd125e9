# mistake: lets int()'s own ValueError through: its message does not say which setting is wrong
# fails: message_names_setting matches the reference
# on: not a number: a ValueError
def setting(config, name, default):
    if name not in config:
        return default
    return int(config[name])
