"""The audit log's hash chain: is it whole? (MANAGE only.)"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from tallybook.apps.accounts.permissions import Op, require
from tallybook.apps.audit.models import AuditEvent
from tallybook.apps.audit.services import audit_verify

from ..auth import caller
from ..schemas import errors

router = Router(tags=["audit"])


class ChainBreakOut(Schema):
    event: int
    reason: str


class ChainOut(Schema):
    ok: bool
    events: int
    first_break: ChainBreakOut | None


@router.get("/verify", response={200: ChainOut, **errors(401, 403)})
def audit_chain_verify(request: HttpRequest):
    """Walk the whole log and name the first broken link, if any."""
    require(caller(request), Op.MANAGE)
    broken = audit_verify()
    return {
        "ok": broken is None,
        "events": AuditEvent.objects.count(),
        "first_break": {"event": broken.seq, "reason": broken.reason} if broken else None,
    }
