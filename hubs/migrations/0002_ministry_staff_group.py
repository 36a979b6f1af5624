from django.db import migrations

MINISTRY_STAFF_GROUP = "Staf Kementerian"


def create_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=MINISTRY_STAFF_GROUP)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=MINISTRY_STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("hubs", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_group, remove_group)]
