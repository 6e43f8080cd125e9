# right: compare_digest on the ASCII strings themselves, every result gathered before deciding
from hmac import compare_digest


def key_status(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> int:
    if admin_route and not admin_key:
        return 403
    is_admin = admin_key != "" and compare_digest(given, admin_key)
    matches = [compare_digest(given, key) for key in api_keys]
    if admin_route:
        if is_admin:
            return 200
        return 403 if given and True in matches else 401
    if not api_keys or is_admin or True in matches:
        return 200
    return 401
