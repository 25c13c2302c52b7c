"""`{% if user|can_do:"view_restricted" %}`: show a link only to who may follow it."""

from django import template

from tallybook.apps.accounts.permissions import can

register = template.Library()


@register.filter
def can_do(user, op: str) -> bool:
    return can(user, op)
