# mistake: the admin key compared with ==, on both routes, where compare_digest was needed
# fails: plain_comparisons matches the reference
import hmac


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def key_status(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> int:
    is_admin = bool(admin_key) and given == admin_key
    if admin_route:
        if not admin_key:
            return 403
        if is_admin:
            return 200
        if given and any([same(given, k) for k in api_keys]):
            return 403
        return 401
    if not api_keys or is_admin or any([same(given, k) for k in api_keys]):
        return 200
    return 401
