from axes.models import AccessAttempt
from django.contrib.auth import get_permission_codename
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import ModelPermissionPolicy


class UnlockOnlyPolicy(ModelPermissionPolicy):
    """Failed sign-ins are recorded by django-axes alone: staff may look at them and
    delete them (which unlocks the account), never add or change one."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class UnlockView(DeleteView):
    """Deleting a lockout, told as what it does for the person locked out."""

    page_title = "Unlock"
    success_message = "“%(object)s” can sign in again."

    def get_page_subtitle(self):
        return self.object.username

    @property
    def confirmation_message(self):
        return (
            f"Unlock “{self.object.username}”? Deleting this record of wrong passwords lets "
            "them sign in again at once; nothing else about the account changes."
        )

    def get_success_message(self):
        return self.success_message % {"object": self.object.username}


class SignInLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = "Sign-in lockouts"
    add_to_settings_menu = True
    copy_view_enabled = False
    delete_view_class = UnlockView
    list_display = [
        "username",
        Column("ip_address", label="From the address"),
        Column("failures_since_start", label="Wrong passwords"),
        Column("attempt_time", label="Last try"),
    ]
    search_fields = ["username", "ip_address"]
    form_fields = ["username"]  # never shown: nobody may add or change an attempt

    def get_index_view_kwargs(self, **kwargs):
        # The screen is named as the menu names it, not after django-axes's model.
        return super().get_index_view_kwargs(page_title=self.menu_label, **kwargs)

    def get_delete_view_kwargs(self, **kwargs):
        # Nothing refers to a lockout: no "referenced 0 times".
        return super().get_delete_view_kwargs(usage_url_name=None, **kwargs)

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
