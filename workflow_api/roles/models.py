"""workflow_api's replica of auth_service's roles and grants, fed by the role sync queues.

Rows carry the version auth_service gave them; a message not newer than the row is
ignored, so messages may arrive twice or out of order. A grant may arrive before its
role: RoleUser.role is a foreign key without a database constraint for that reason.
"""

from django.db import models


class Role(models.Model):
    id = models.BigIntegerField(primary_key=True, help_text="auth_service's role id.")
    system = models.SlugField(max_length=50)
    name = models.CharField(max_length=100)
    is_deleted = models.BooleanField(default=False)
    version = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["system", "name"]
        indexes = [models.Index(fields=["system", "name"])]

    def __str__(self) -> str:
        return f"{self.system}:{self.name}"


class RoleUser(models.Model):
    """A user holding a role. Assignable when both the grant and the account are active."""

    role = models.ForeignKey(Role, on_delete=models.DO_NOTHING, db_constraint=False, related_name="members")
    user_id = models.BigIntegerField()
    email = models.EmailField()
    name = models.CharField(max_length=255, blank=True)
    user_is_active = models.BooleanField(default=True)
    is_active = models.BooleanField(default=True, help_text="The grant is active.")
    version = models.PositiveIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["role", "user_id"], name="roles_roleuser_unique")]
        indexes = [
            models.Index(fields=["role", "is_active", "user_is_active"]),
            models.Index(fields=["user_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.email} in role {self.role_id}"
