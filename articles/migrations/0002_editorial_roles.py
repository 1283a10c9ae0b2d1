"""The newsroom's roles as groups: an administrator gives a role by adding a user to a group.

What each role may do beyond these permissions (own stories only, which states) is decided
in articles/workflow.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Journalist": [
        ("articles", "article", ["add", "change", "view"]),
        ("articles", "byline", ["add", "change", "delete", "view"]),
        ("articles", "section", ["view"]),
        ("accounts", "author", ["add", "view"]),
        ("taggit", "tag", ["add", "view"]),
    ],
    "Editor": [
        ("articles", "article", ["add", "change", "delete", "view"]),
        ("articles", "byline", ["add", "change", "delete", "view"]),
        ("articles", "correction", ["add", "change", "delete", "view"]),
        ("articles", "section", ["add", "change", "view"]),
        ("articles", "articleevent", ["view"]),
        ("articles", "articlerevision", ["view"]),
        ("articles", "previewlink", ["add", "change", "view"]),
        ("accounts", "author", ["add", "change", "view"]),
        ("taggit", "tag", ["add", "change", "view"]),
    ],
}
EDITOR_ONLY_PERMISSIONS = [
    "edit_any_article",
    "publish_article",
    "send_back_article",
    "unpublish_article",
    "restore_article",
    "share_preview",
]


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=role)
        codenames = [
            (app_label, f"{action}_{model}")
            for app_label, model, actions in grants
            for action in actions
        ]
        if role == "Editor":
            codenames += [("articles", codename) for codename in EDITOR_ONLY_PERMISSIONS]
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("accounts", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
