from django.db import migrations


class Migration(migrations.Migration):
    """The API tokens and the security audit log now belong to the core app (jipp); tables stay."""


    dependencies = [
        ('hubs', '0006_security_event_kinds_published_change_reset'),
        ('jipp', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name='securityevent',
                    name='user',
                ),
                migrations.DeleteModel(
                    name='ApiToken',
                ),
                migrations.DeleteModel(
                    name='SecurityEvent',
                ),
            ],
            database_operations=[],
        ),
    ]
