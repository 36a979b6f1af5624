"""Choice sets of the innovations app. Categories and activity types change yearly: they are data."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    IN_REVIEW = "in_review", _("Sedang ditinjau")
    REVISION_REQUESTED = "revision_requested", _("Perlu revisi")
    PUBLISHED = "published", _("Terbit")
    REJECTED = "rejected", _("Ditolak")


class Stage(models.TextChoices):
    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class InnovationType(models.TextChoices):
    DIGITAL = "digital", _("Digital")
    NON_DIGITAL = "non_digital", _("Non-digital")


class Initiator(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah / pimpinan instansi")
    DPRD = "dprd", _("DPRD")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat daerah / unit kerja")
    ASN = "asn", _("ASN")
    MASYARAKAT = "masyarakat", _("Masyarakat")


class Group(models.TextChoices):
    UMUM = "umum", _("Umum")
    REPLIKASI = "replikasi", _("Replikasi")
    KHUSUS = "khusus", _("Khusus")


class Continuation(models.TextChoices):
    BERLANJUT = "berlanjut", _("Berlanjut")
    BERHENTI = "berhenti", _("Berhenti")


class AwardKind(models.TextChoices):
    KIPP_TOP99 = "kipp_top99", _("KIPP Top 99")
    KIPP_TOP45 = "kipp_top45", _("KIPP Top 45")
    KIPP_OUTSTANDING = "kipp_outstanding", _("KIPP Outstanding Achievement")
    PKRI = "pkri", _("PKRI")
    IGA = "iga", _("Innovative Government Award (IGA)")
    OTHER = "other", _("Lainnya")


class ReplicationStage(models.TextChoices):
    KOMITMEN = "komitmen", _("Komitmen")
    PERSIAPAN = "persiapan", _("Persiapan")
    UJI_COBA = "uji_coba", _("Uji coba")
    DITERAPKAN = "diterapkan", _("Diterapkan")
    DIHENTIKAN = "dihentikan", _("Dihentikan")
