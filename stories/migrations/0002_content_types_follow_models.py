"""The moved models keep their content types (and so their permissions, admin log and review events)."""

from django.db import migrations

OLD_APP = "innovations"
MODELS = ["programme", "activitytype", "impactstory", "historicalimpactstory", "storyphoto", "indicator", "measurement"]


def relabel(apps, schema_editor, source=OLD_APP, target="stories"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=source, model=model).first()
        if old is None:
            continue
        # A type made for the new label by a migrate that ran before this one holds nothing yet.
        ContentType.objects.filter(app_label=target, model=model).delete()
        old.app_label = target
        old.save(update_fields=["app_label"])


def unrelabel(apps, schema_editor):
    relabel(apps, schema_editor, source="stories", target=OLD_APP)


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, unrelabel)]
