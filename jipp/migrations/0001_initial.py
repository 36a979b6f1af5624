import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The API tokens and the security audit log move from hubs to the core; their tables stay."""


    initial = True

    dependencies = [
        ('hubs', '0006_security_event_kinds_published_change_reset'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ApiToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='nama')),
                        ('prefix', models.CharField(max_length=16, unique=True, verbose_name='awalan')),
                        ('key_hash', models.CharField(max_length=64, verbose_name='hash SHA-256')),
                        ('read_only', models.BooleanField(default=False, verbose_name='hanya baca')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='kedaluwarsa pada')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='terakhir dipakai')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='dicabut pada')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='pengguna')),
                    ],
                    options={
                        'verbose_name': 'token API',
                        'verbose_name_plural': 'token API',
                        'db_table': 'hubs_apitoken',
                        'ordering': ['-created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SecurityEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('login_succeeded', 'Login berhasil'), ('login_failed', 'Login gagal'), ('login_locked_out', 'Login dikunci'), ('logout', 'Logout'), ('token_created', 'Token API dibuat'), ('token_revoked', 'Token API dicabut'), ('permission_denied', 'Akses ditolak'), ('membership_changed', 'Peran/keanggotaan diubah'), ('membership_removed', 'Keanggotaan dihapus'), ('staff_flags_changed', 'Status staf/superuser diubah'), ('groups_changed', 'Grup pengguna diubah'), ('personal_data_erased', 'Data pribadi dihapus'), ('published_record_changed', 'Data terbit diubah'), ('password_reset_requested', 'Atur ulang kata sandi diminta')], max_length=32, verbose_name='jenis')),
                        ('ip', models.GenericIPAddressField(blank=True, null=True, verbose_name='alamat IP')),
                        ('path', models.CharField(blank=True, max_length=500, verbose_name='path')),
                        ('detail', models.JSONField(blank=True, default=dict, verbose_name='rincian')),
                        ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='waktu')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='security_events', to=settings.AUTH_USER_MODEL, verbose_name='pengguna')),
                    ],
                    options={
                        'verbose_name': 'peristiwa keamanan',
                        'verbose_name_plural': 'peristiwa keamanan',
                        'db_table': 'hubs_securityevent',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['kind', '-created_at'], name='secevent_kind_created'), models.Index(fields=['user', '-created_at'], name='secevent_user_created'), models.Index(fields=['ip', '-created_at'], name='secevent_ip_created')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('kind__in', ['login_succeeded', 'login_failed', 'login_locked_out', 'logout', 'token_created', 'token_revoked', 'permission_denied', 'membership_changed', 'membership_removed', 'staff_flags_changed', 'groups_changed', 'personal_data_erased', 'published_record_changed', 'password_reset_requested'])), name='securityevent_kind_valid')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
