"""Label runs name a layout of data/label_layouts.json instead of a free grid."""

from django.db import migrations, models

GRIDS = {(3, 8): "a4-3x8", (2, 7): "a4-2x7", (4, 10): "a4-4x10"}


def grid_to_layout(apps, schema_editor):
    LabelRun = apps.get_model("traceability", "LabelRun")
    for (columns, rows), key in GRIDS.items():
        LabelRun.objects.filter(columns=columns, rows=rows).update(layout=key)


def layout_to_grid(apps, schema_editor):
    LabelRun = apps.get_model("traceability", "LabelRun")
    for (columns, rows), key in GRIDS.items():
        LabelRun.objects.filter(layout=key).update(columns=columns, rows=rows)


class Migration(migrations.Migration):
    dependencies = [
        ("traceability", "0003_flag_reviews_and_batch_corrections"),
    ]

    operations = [
        migrations.AddField(
            model_name="labelrun",
            name="layout",
            field=models.CharField(default="a4-3x8", max_length=20, verbose_name="Label layout"),
        ),
        migrations.AddField(
            model_name="labelrun",
            name="plain_paper",
            field=models.BooleanField(default=False, verbose_name="Plain paper, with cut marks"),
        ),
        migrations.AddField(
            model_name="labelrun",
            name="scale_note",
            field=models.BooleanField(
                default=False, verbose_name="First page: “print at 100 %” and a ruler"
            ),
        ),
        migrations.RunPython(grid_to_layout, layout_to_grid, elidable=True),
        migrations.RemoveField(model_name="labelrun", name="columns"),
        migrations.RemoveField(model_name="labelrun", name="rows"),
    ]
