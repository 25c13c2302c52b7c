"""Authorisation: which operations a user holds, on which objects.

Views, API endpoints and services all ask here; the rule itself is
`tallybook.core.roles`. A `user` of None is the local operator at the command
line, who already holds the database and the keyring, and may do anything.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from tallybook.core.roles import ROLE_OPS, Op, Role, allowed, field_visible

__all__ = ["Op", "Role", "can", "field_visible_to", "is_restricted", "require", "user_ops"]

_ALL = frozenset(Op)
_CACHE = "_tallybook_ops"


def user_ops(user: Any) -> frozenset[Op]:
    if user is None:
        return _ALL
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return frozenset()
    cached = getattr(user, _CACHE, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        ops = _ALL
    else:
        try:
            ops = set(ROLE_OPS[Role(user.role)])
        except ValueError:  # an unknown role grants nothing
            ops = set()
        for perm in user.get_all_permissions():
            app, _, codename = perm.partition(".")
            if app == "accounts" and codename in Op._value2member_map_:
                ops.add(Op(codename))
        ops = frozenset(ops)
    setattr(user, _CACHE, ops)
    return ops


def is_restricted(obj: Any) -> bool:
    """An object is restricted if it, or the source it comes from, says so.

    Objects whose sensitivity is derived (an incident from its claims' sources)
    answer through an `is_restricted()` method.
    """
    if obj is None:
        return False
    derived = getattr(obj, "is_restricted", None)
    if callable(derived):
        return bool(derived())
    if getattr(obj, "sensitivity", "public") != "public":
        return True
    source = getattr(obj, "source", None)
    return source is not None and getattr(source, "sensitivity", "public") != "public"


def can(user: Any, op: Op | str, obj: Any = None) -> bool:
    return allowed(user_ops(user), Op(op), restricted=is_restricted(obj))


def require(user: Any, op: Op | str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` may do `op` (on `obj`)."""
    if not can(user, op, obj):
        who = getattr(user, "username", None) or "an anonymous user"
        raise PermissionDenied(f"{who} may not {Op(op).value.replace('_', ' ')} this")


def field_visible_to(user: Any, object_type: str, field: str) -> bool:
    return field_visible(user_ops(user), object_type, field)


def clear_cache(user: Any) -> None:
    if user is not None and hasattr(user, _CACHE):
        delattr(user, _CACHE)
