"""Choice sets of the hubs app (stable codes in the database, translated labels in the UI)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstitutionKind(models.TextChoices):
    KEMENTERIAN = "kementerian", _("Kementerian")
    LEMBAGA = "lembaga", _("Lembaga")
    PEMPROV = "pemprov", _("Pemerintah provinsi")
    PEMKABKOTA = "pemkabkota", _("Pemerintah kabupaten/kota")
    LAINNYA = "lainnya", _("Lainnya (Polri, Mahkamah Agung, Kejaksaan, ...)")


class RegencyKind(models.TextChoices):
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class DesignationStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    ENDED = "ended", _("Berakhir")
    SUSPENDED = "suspended", _("Ditangguhkan")


class Evidence(models.TextChoices):
    """How well a fact is sourced (see DOMAIN.md: confirmed / reported)."""

    CONFIRMED = "confirmed", _("Terkonfirmasi")
    REPORTED = "reported", _("Dilaporkan media")
    UNCERTAIN = "uncertain", _("Belum pasti")


class DatePrecision(models.TextChoices):
    DAY = "day", _("Tanggal")
    MONTH = "month", _("Bulan")
    YEAR = "year", _("Tahun")


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
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Atur ulang kata sandi diminta")
