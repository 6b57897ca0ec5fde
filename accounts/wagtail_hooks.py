from axes.models import AccessAttempt
from django.contrib.auth import get_permission_codename
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Failed sign-ins are recorded by django-axes alone: staff may look at them and
    delete them (which unlocks the account), never add or change one."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class SignInLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]  # never shown: nobody may add or change an attempt

    @property
    def permission_policy(self):
        return UnlockOnlyPolicy(self.model)

    def get_permissions_to_register(self):
        """Only "delete" (unlock) is offered in the group editor."""
        delete = get_permission_codename("delete", self.model_opts)
        return super().get_permissions_to_register().filter(codename=delete)


@hooks.register("register_admin_viewset")
def register_sign_in_lockouts():
    return SignInLockoutViewSet("sign_in_lockouts")
