"""The approval workflow and its task carry a Vietnamese name: Wagtail shows the name as it is
stored (in the page's status, the editor's action menu and the moderators' e-mails), so the
English "Moderators approval" showed through the Vietnamese admin."""

from django.db import migrations

OLD = "Moderators approval"
NEW = "Duyệt trước khi xuất bản"


def rename(apps, old, new):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=old).update(name=new)


def forwards(apps, schema_editor):
    rename(apps, OLD, NEW)


def backwards(apps, schema_editor):
    rename(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("cms", "0006_legalpage_legalacceptance")]

    operations = [migrations.RunPython(forwards, backwards)]
