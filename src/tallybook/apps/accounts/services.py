"""Writes for accounts: users and roles, second factors, and the sign-in record.

Failed sign-ins are audit events too: the log that proves who changed what
also tells how often a name was guessed, across every server process.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils import timezone

from tallybook import crypto
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_record
from tallybook.core import totp
from tallybook.core.roles import Role

from .models import User
from .permissions import Op, clear_cache, require

# Five wrong passwords for one name within the window lock that name for the window.
LOGIN_FAILURES_ALLOWED = 5
LOGIN_WINDOW = timedelta(minutes=15)


class SignInRefused(Exception):
    """Why a sign-in failed, in words safe to show (never which part was wrong)."""


def user_create(
    *, username: str, password: str, role: str = Role.VIEWER, by: Any = None, email: str = ""
) -> User:
    require(by, Op.MANAGE)
    role = Role(role)
    with transaction.atomic():
        user = User.objects.create_user(username, email=email, password=password, role=role)
        audit_record(by=by, action="user.create", obj=user, after={"role": role.value})
    return user


def user_set_role(*, user: User, role: str, by: Any) -> User:
    require(by, Op.MANAGE)
    new = Role(role)
    with transaction.atomic():
        before = {"role": user.role}
        user.role = new.value
        user.save(update_fields=["role"])
        clear_cache(user)
        audit_record(by=by, action="user.role", obj=user, before=before, after={"role": new})
    return user


def _totp_context(user: User) -> str:
    return f"accounts.totp:{user.pk}"


def totp_begin(*, user: User) -> str:
    """A new secret to show the user once; nothing is stored until they prove they hold it."""
    return totp.new_secret()


def totp_enable(*, user: User, secret: str, code: str, by: Any) -> None:
    step = totp.verify(secret, code)
    if step is None:
        raise ValueError("that code does not match; check the phone's clock and try again")
    with transaction.atomic():
        user.totp_secret = crypto.encrypt(secret, context=_totp_context(user))
        user.totp_last_step = step
        user.save(update_fields=["totp_secret", "totp_last_step"])
        audit_record(by=by, action="user.totp_enable", obj=user)


def totp_disable(*, user: User, by: Any) -> None:
    if by is not None and getattr(by, "pk", None) != user.pk:
        require(by, Op.MANAGE)
    with transaction.atomic():
        user.totp_secret = ""
        user.totp_last_step = None
        user.save(update_fields=["totp_secret", "totp_last_step"])
        audit_record(by=by, action="user.totp_disable", obj=user)


def _failures(username: str) -> int:
    since = timezone.now() - LOGIN_WINDOW
    return AuditEvent.objects.filter(
        action="auth.failed",
        object_type="accounts.username",
        object_id=username[:100],
        at__gte=since,
    ).count()


def sign_in(request: Any, *, username: str, password: str, code: str = "") -> User:
    """Check name, password and (when enabled) the second factor; raise SignInRefused."""
    username = username.strip()
    if _failures(username) >= LOGIN_FAILURES_ALLOWED:
        raise SignInRefused(
            "Too many failed attempts for this name. Wait 15 minutes and try again."
        )
    user = authenticate(request, username=username, password=password)
    if user is None:
        _fail(username, "password")
        raise SignInRefused("That name and password do not match an account.")
    if user.totp_secret:
        secret = crypto.decrypt(user.totp_secret, context=_totp_context(user))
        step = totp.verify(secret, code)
        if step is None or (user.totp_last_step is not None and step <= user.totp_last_step):
            _fail(username, "second factor")
            raise SignInRefused("Enter the current 6-digit code from your authenticator app.")
        user.totp_last_step = step
        user.save(update_fields=["totp_last_step"])
    audit_record(by=user, action="auth.signed_in", obj=user)
    return user


def _fail(username: str, reason: str) -> None:
    # The name as typed, not a user row: guesses at names that do not exist count too.
    audit_record(
        by=AnonymousUser(),
        action="auth.failed",
        object_type="accounts.username",
        object_id=username[:100],
        after={"reason": reason},
    )
