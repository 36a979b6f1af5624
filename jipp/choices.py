from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Admin")
    EDITOR = "editor", _("Editor")


class SecurityEventKind(models.TextChoices):
    """What a security audit record is about (hubs.models.SecurityEvent)."""

    LOGIN_SUCCEEDED = "login_succeeded", _("Login berhasil")
    LOGIN_FAILED = "login_failed", _("Login gagal")
    LOGIN_LOCKED_OUT = "login_locked_out", _("Login dikunci")
    LOGOUT = "logout", _("Logout")
    TOKEN_CREATED = "token_created", _("Token API dibuat")
    TOKEN_REVOKED = "token_revoked", _("Token API dicabut")
    PERMISSION_DENIED = "permission_denied", _("Akses ditolak")
    MEMBERSHIP_CHANGED = "membership_changed", _("Peran/keanggotaan diubah")
    MEMBERSHIP_REMOVED = "membership_removed", _("Keanggotaan dihapus")
    STAFF_FLAGS_CHANGED = "staff_flags_changed", _("Status staf/superuser diubah")
    GROUPS_CHANGED = "groups_changed", _("Grup pengguna diubah")
    PERSONAL_DATA_ERASED = "personal_data_erased", _("Data pribadi dihapus")
    PUBLISHED_RECORD_CHANGED = "published_record_changed", _("Data terbit diubah")
    DRAFT_DELETED = "draft_deleted", _("Draf dihapus")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Atur ulang kata sandi diminta")
