from django.contrib.auth.models import AbstractUser
from django.db import models

from tallybook.core.roles import Op, Role


class User(AbstractUser):
    """A person who uses the workspace.

    The role gives a default set of operations (`core.roles.ROLE_OPS`); an
    admin may grant single operations on top through Django permissions
    (`accounts.verify`, `accounts.publish`, ...), e.g. verify without publish.
    """

    role = models.CharField(
        max_length=12,
        choices=[(r.value, r.value) for r in Role],
        default=Role.VIEWER.value,
    )
    # A base32 TOTP secret as an AES-GCM token (tallybook.crypto); empty: no second factor.
    totp_secret = models.CharField(max_length=200, blank=True, editable=False)
    # The last time step a code was accepted for: an older or equal one is a replay.
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "accounts_user"
        permissions = [(op.value, f"May {op.value.replace('_', ' ')}") for op in Op]

    def save(self, *args, **kwargs):
        # `createsuperuser` knows nothing of roles; say what a superuser is.
        if self.is_superuser and self.role == Role.VIEWER:
            self.role = Role.ADMIN.value
        super().save(*args, **kwargs)
