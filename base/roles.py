"""The staff roles, as Wagtail groups: who may do what in the admin.

- Editors write pages and submit them for moderation; they upload and edit images and
  documents, and choose authors and categories others have added.
- Moderators do all that, and approve (publish), lock and unlock pages.
- Content leads do all that, and manage authors, categories, the menus (navigation), the
  site settings (the crisis notice included) and redirects.
- Intake reads the contact form's messages (forms/migrations/0003_intake_group.py).

`set_up_roles(apps)` makes or completes the groups: the data migration
(base/migrations/0005_staff_roles.py) runs it with the migration's models, and the tests,
whose databases are emptied between browser tests, with the project's own. Running it
again changes nothing. It names other apps' models by their label only: base imports no
other project app."""

EDITORS = "Editors"
MODERATORS = "Moderators"
CONTENT_LEADS = "Content leads"
# The approval step every page goes through: Wagtail's own default, kept under its name.
APPROVAL_TASK = "Moderators approval"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + ["publish_page", "lock_page", "unlock_page"]

# (app label, model, verbose name, actions) for permissions on the root collection.
EDITOR_MEDIA = [
    ("wagtailimages", "image", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", "document", ["add", "change", "choose"]),
]
CONTENT_LEAD_MEDIA = [
    ("wagtailimages", "image", "image", ["add", "change", "choose", "delete"]),
    ("wagtaildocs", "document", "document", ["add", "change", "choose", "delete"]),
]
# (app label, model, verbose name, actions) for model-wide permissions: snippets, settings
# (Wagtail lets whoever may change a setting edit it) and redirects.
CONTENT_LEAD_MODELS = [
    ("blog", "author", "author", ["add", "change", "delete", "view"]),
    ("blog", "blogcategory", "blog category", ["add", "change", "delete", "view"]),
    ("base", "navigationsettings", "navigation", ["change"]),
    ("base", "sitesettings", "site settings", ["change"]),
    ("wagtailredirects", "redirect", "redirect", ["add", "change", "delete"]),
]

ROLES = {
    EDITORS: {"pages": EDITOR_PAGE_PERMISSIONS, "media": EDITOR_MEDIA, "models": []},
    MODERATORS: {"pages": MODERATOR_PAGE_PERMISSIONS, "media": EDITOR_MEDIA, "models": []},
    CONTENT_LEADS: {
        "pages": MODERATOR_PAGE_PERMISSIONS,
        "media": CONTENT_LEAD_MEDIA,
        "models": CONTENT_LEAD_MODELS,
    },
}
APPROVERS = [MODERATORS, CONTENT_LEADS]


def set_up_roles(apps):
    """Make the Editors, Moderators and Content leads groups with their permissions, and
    the approval step Moderators and Content leads answer, on every page."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    permission = PermissionFinder(apps)

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
        )
        for app_label, model, verbose_name, actions in role["models"]:
            group.permissions.add(
                *(
                    permission(
                        app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}"
                    )
                    for action in actions
                )
            )
        if root_page is not None:
            for codename in role["pages"]:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page=root_page,
                    permission=permission("wagtailcore", "page", codename, codename),
                )
        if root_collection is not None:
            for app_label, model, verbose_name, actions in role["media"]:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group,
                        collection=root_collection,
                        permission=permission(
                            app_label, model, f"{action}_{model}", f"Can {action} {verbose_name}"
                        ),
                    )
    if root_page is not None:
        set_up_approval(apps, root_page, Group.objects.filter(name__in=APPROVERS))


def set_up_approval(apps, root_page, approvers):
    """Wagtail's default approval step (made by its own migrations, made here when the
    database was emptied), answered by `approvers`, for every page."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(
            name=APPROVAL_TASK, content_type=task_type, active=True
        )
    task.groups.add(*approvers)
    workflow, _ = Workflow.objects.get_or_create(name=APPROVAL_TASK, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if not WorkflowPage.objects.filter(page=root_page).exists():
        WorkflowPage.objects.create(workflow=workflow, page=root_page)


class PermissionFinder:
    """A permission by its codename, made as Django would name it when it is not there
    yet: Django makes permissions only once every migration has run."""

    def __init__(self, apps):
        self.content_types = apps.get_model("contenttypes", "ContentType").objects
        self.permissions = apps.get_model("auth", "Permission").objects

    def __call__(self, app_label, model, codename, name):
        content_type, _ = self.content_types.get_or_create(app_label=app_label, model=model)
        found, _ = self.permissions.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        return found
