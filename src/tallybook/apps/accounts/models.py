from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A person who uses the workspace. Roles arrive as groups (workspace issue)."""

    class Meta:
        db_table = "accounts_user"
