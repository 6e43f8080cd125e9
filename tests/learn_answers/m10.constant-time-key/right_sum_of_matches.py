# right: the bytes compared in a helper, the number of matches counted with sum()
import hmac


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def key_status(given: str, api_keys: list[str], admin_key: str, admin_route: bool) -> int:
    predict_key = sum(_same(given, key) for key in api_keys) > 0
    is_admin = bool(admin_key) and _same(given, admin_key)
    if admin_route:
        if not admin_key:
            return 403
        if is_admin:
            return 200
        return 403 if predict_key else 401
    return 200 if (not api_keys or is_admin or predict_key) else 401
