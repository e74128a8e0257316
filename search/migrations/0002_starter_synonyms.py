"""Load the starter synonyms (search/data/synonyms.json); staff edit them in the dashboard afterwards."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "synonyms.json"


def load(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    with open(DATA, encoding="utf-8") as handle:
        data = json.load(handle)
    for group in data["groups"]:
        terms = ", ".join(group["terms"])
        if not Synonym.objects.filter(terms=terms).exists():
            Synonym.objects.create(terms=terms, note=group.get("note", "")[:300])


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
