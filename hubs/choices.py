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
