from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryLevel(models.TextChoices):
    PROVINSI = "provinsi", _("Perpustakaan provinsi")
    KABKOTA = "kabkota", _("Perpustakaan kabupaten/kota")
    DESA = "desa", _("Perpustakaan desa/kelurahan")
    TBM = "tbm", _("Taman bacaan masyarakat (TBM)")


class Gender(models.TextChoices):
    FEMALE = "perempuan", _("Perempuan")
    MALE = "laki_laki", _("Laki-laki")


class AgeGroup(models.TextChoices):
    UNDER_18 = "lt18", _("< 18 tahun")
    AGE_18_29 = "18_29", _("18–29 tahun")
    AGE_30_44 = "30_44", _("30–44 tahun")
    AGE_45_59 = "45_59", _("45–59 tahun")
    AGE_60_PLUS = "60plus", _("60 tahun ke atas")
