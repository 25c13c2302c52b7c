"""Who may do what: roles, operations and the sensitivity rule, as plain data.

The Django side (`apps.accounts.permissions`) turns a user into a set of
operations; the decision itself lives here so it can be read and tested whole.
"""

from __future__ import annotations

from enum import StrEnum


class Op(StrEnum):
    VIEW = "view"  # read public objects
    VIEW_RESTRICTED = "view_restricted"  # read restricted objects and restricted fields
    SUBMIT = "submit"  # send a report or a document in
    REVIEW = "review"  # accept, edit, reject machine-proposed claims
    EDIT_INCIDENTS = "edit_incidents"  # merge, split, retitle incidents
    REVIEW_LINKS = "review_links"  # decide uncertain record-linkage pairs
    EXPORT = "export"  # download filtered views as CSV, JSON, GeoJSON
    VERIFY = "verify"  # confirm incidents and claims as checked
    PUBLISH = "publish"  # release to the public site and the live board
    MANAGE = "manage"  # users, roles, groups, keys


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    ANALYST = "analyst"
    CONTRIBUTOR = "contributor"
    VIEWER = "viewer"


_ANALYST = {
    Op.VIEW,
    Op.VIEW_RESTRICTED,
    Op.SUBMIT,
    Op.REVIEW,
    Op.EDIT_INCIDENTS,
    Op.REVIEW_LINKS,
    Op.EXPORT,
}

# Verifying and publishing are separate operations: an editor holds both, but
# either can be granted alone (a second reader who verifies, a press officer
# who publishes).
ROLE_OPS: dict[Role, frozenset[Op]] = {
    Role.VIEWER: frozenset({Op.VIEW}),
    Role.CONTRIBUTOR: frozenset({Op.VIEW, Op.SUBMIT}),
    Role.ANALYST: frozenset(_ANALYST),
    Role.EDITOR: frozenset(_ANALYST | {Op.VERIFY, Op.PUBLISH}),
    Role.ADMIN: frozenset(Op),
}

# Operations that change nothing: allowed on whatever the user may read.
READ_OPS = frozenset({Op.VIEW, Op.EXPORT})

# Fields that stay hidden inside objects a user may otherwise see: who handled
# a document, who submitted a report and how to reach them.
RESTRICTED_FIELDS: dict[str, frozenset[str]] = {
    # A file's own name and the path it came from can name a witness ("statement-of-...").
    "sources.source": frozenset({"filename"}),
    "sources.receipt": frozenset({"origin", "received_by", "http_headers"}),
    "claims.claim": frozenset({"reviewed_by"}),
    "live.report": frozenset({"submitted_by", "contact"}),
}


def allowed(ops: frozenset[Op] | set[Op], op: Op, *, restricted: bool = False) -> bool:
    """May a holder of `ops` do `op` on an object of this sensitivity?

    Anything restricted needs VIEW_RESTRICTED besides the operation itself:
    a user who may not read an object may not change it either.
    """
    if op not in ops:
        return False
    return not restricted or Op.VIEW_RESTRICTED in ops


def field_visible(ops: frozenset[Op] | set[Op], object_type: str, field: str) -> bool:
    return field not in RESTRICTED_FIELDS.get(object_type, ()) or Op.VIEW_RESTRICTED in ops
