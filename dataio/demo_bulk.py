"""Bulk synthetic demo data at national scale (`seed_demo --scale large`), all marked is_demo.

Rows are built in Python from word banks and written with bulk_create in batches: the services
would take hours for 100,000 innovations, and every generated record is synthetic anyway (badged
"Contoh"). Demo institutions (one local government per regency) carry is_demo=True too, so no real
institution is invented: their names say "(contoh)".

The generator is deterministic for a seed and idempotent per scale: the slugs carry the scale's
prefix, and a scale whose first innovation exists is not generated again.
"""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from hubs.choices import InstitutionKind
from hubs.models import HubDesignation, HubMembership, Institution, Province, Regency
from innovations.choices import (
    Continuation,
    Group,
    Initiator,
    InnovationType,
    ReplicationStage,
    ReviewStatus,
    Stage,
)
from innovations.models import SDG, Category, Innovation, InnovationSDG, Replication
from jipp.choices import MembershipRole
from stories.data import tpbis
from stories.models import ActivityType, ImpactStory, Indicator, Measurement, Programme

# --- Word banks -------------------------------------------------------------------------------
_SERVICES = [
    "administrasi kependudukan",
    "perizinan usaha",
    "pelayanan kesehatan ibu dan anak",
    "pendaftaran sekolah",
    "pengaduan masyarakat",
    "bantuan sosial",
    "pelayanan pajak daerah",
    "penanganan stunting",
    "imunisasi anak",
    "pelayanan air bersih",
    "pengelolaan sampah",
    "penyuluhan pertanian",
    "pelayanan nelayan",
    "layanan perpustakaan",
    "pencatatan nikah",
    "sertifikasi tanah",
    "pelayanan lansia",
    "perlindungan perempuan dan anak",
    "layanan disabilitas",
    "pengendalian inflasi pangan",
    "pelayanan ambulans desa",
    "layanan pengadilan",
    "pelayanan paspor",
    "pengawasan obat dan makanan",
]
_PREFIX = ["SI", "E-", "GO", "SAPA", "LAPOR", "KLIK", "JEMPUT", "TERPADU", "SEHATI", "CERIA", "SIGAP", "PINTAR"]
_SUFFIX = ["KU", "DESA", "WARGA", "ONLINE", "CEPAT", "MANTAP", "PRIMA", "BERSAMA", "NUSANTARA", "MANDIRI"]
_METHODS = [
    "aplikasi daring yang dapat diakses dari telepon genggam",
    "layanan jemput bola ke desa-desa terpencil",
    "loket terpadu satu pintu di kantor kecamatan",
    "kader masyarakat yang dilatih dan didampingi petugas",
    "kerja sama dengan puskesmas, sekolah dan pemerintah desa",
    "sistem antrean elektronik dan pesan singkat pengingat",
    "data terpadu yang dibagi antarperangkat daerah",
    "mobil layanan keliling yang terjadwal setiap pekan",
    "forum warga untuk menyampaikan keluhan dan usulan",
    "tanda tangan elektronik dan dokumen digital",
]
_PROBLEMS = [
    "warga harus datang berkali-kali ke kantor dan menunggu berjam-jam",
    "jarak tempuh ke pusat layanan terlalu jauh bagi warga di pelosok",
    "data penerima layanan tidak akurat dan sering ganda",
    "angka kasus di wilayah ini berada di atas rata-rata provinsi",
    "pengaduan masyarakat tidak tercatat dan tidak ditindaklanjuti",
    "biaya yang dikeluarkan warga untuk mengurus dokumen cukup besar",
    "petugas kekurangan informasi untuk mengambil keputusan",
    "kelompok rentan sulit menjangkau layanan yang menjadi haknya",
]
_RESULTS = [
    "waktu layanan turun dari tujuh hari menjadi satu hari",
    "jumlah warga yang terlayani naik hampir dua kali lipat",
    "keluhan masyarakat berkurang secara nyata dalam satu tahun",
    "indeks kepuasan masyarakat meningkat setiap semester",
    "biaya yang ditanggung warga turun karena tidak perlu bolak-balik",
    "cakupan layanan menjangkau seluruh desa di kabupaten",
    "angka kasus menurun dan terpantau setiap bulan",
    "data layanan kini terbuka dan dapat dipantau pimpinan",
]
_RESOURCES = [
    "anggaran daerah yang dialokasikan setiap tahun",
    "tenaga teknis dari dinas komunikasi dan informatika",
    "relawan dan kader yang mendapat insentif kecil",
    "dana desa dan dukungan tanggung jawab sosial perusahaan",
    "peralatan sederhana yang sudah dimiliki kantor",
]
_SUSTAIN = [
    "ditetapkan dalam peraturan kepala daerah",
    "masuk dalam rencana strategis perangkat daerah",
    "dilembagakan melalui standar operasional prosedur",
    "dibiayai dari anggaran rutin setiap tahun",
    "dikelola bersama kelompok masyarakat setempat",
]


def _title(rng: random.Random, service: str) -> str:
    acronym = rng.choice(_PREFIX) + rng.choice(_SUFFIX)
    return f"{acronym}: inovasi {service}"


def _aspects(rng: random.Random, service: str, place: str) -> dict:
    """Realistic Indonesian text for the eight KIPP aspects of one synthetic innovation."""
    method, problem, result = rng.choice(_METHODS), rng.choice(_PROBLEMS), rng.choice(_RESULTS)
    return {
        "ringkasan": (
            f"Inovasi ini memperbaiki {service} di {place} melalui {method}. "
            f"Sebelumnya {problem}. Setelah inovasi diterapkan, {result}."
        ),
        "latar_belakang": (
            f"Sebelum inovasi, {problem}. Tujuan inovasi adalah mendekatkan {service} kepada warga "
            f"dan memastikan kelompok rentan di {place} ikut terlayani."
        ),
        "kebaruan": (
            f"Kebaruannya terletak pada {method}, yang belum pernah dipakai untuk {service} di {place}. "
            f"Nilai tambahnya adalah layanan yang lebih cepat, murah dan mudah dipantau."
        ),
        "implementasi": (
            f"Inovasi diuji coba di beberapa kecamatan, lalu diterapkan di seluruh {place} "
            f"dengan {rng.choice(_METHODS)}."
        ),
        "signifikansi": f"Dampak utamanya: {result}; selain itu {rng.choice(_RESULTS)}.",
        "adaptabilitas": (
            f"Inovasi ini mudah direplikasi karena memakai {rng.choice(_RESOURCES)} dan prosedur yang sederhana; "
            f"beberapa daerah lain telah mempelajarinya."
        ),
        "sumber_daya": f"Sumber daya yang digunakan: {rng.choice(_RESOURCES)} serta {rng.choice(_RESOURCES)}.",
        "strategi_keberlanjutan": f"Inovasi {rng.choice(_SUSTAIN)} dan {rng.choice(_SUSTAIN)}.",
    }


# --- Scales -----------------------------------------------------------------------------------
BULK_SCALES = {
    "small": {
        "prefix": "contoh-s",
        "label": "contoh kecil",
        "innovations": 300,
        "replications": 150,
        "stories": 600,
        "measurements": 1_500,
        "users": 50,
    },
    "large": {
        "prefix": "contoh-l",
        "label": "contoh",
        "innovations": 100_000,
        "replications": 50_000,
        "stories": 200_000,
        "measurements": 500_000,
        "users": 5_000,
    },
}
BATCH = 5_000
MEASUREMENTS_PER_INDICATOR = 20


def workflow_dates(rng: random.Random, status: str, now: datetime.datetime, *, not_before=None) -> dict:
    """Dates of a synthetic record coherent with its status, as the workflow would have left them.

    created <= submitted <= published <= now; a draft has neither date. Every status other than a draft
    was reached through "submit" (innovations.workflow), so each of them has a submitted_at; published
    rows have a published_at. `not_before` (a date): nothing is created before it (a story's own date).
    Submissions waiting for review are recent (days to weeks), so "longest waiting first" has an order.
    """
    if status == ReviewStatus.DRAFT:
        created = now - datetime.timedelta(days=rng.randrange(0, 120), minutes=rng.randrange(0, 1440))
        return {"created_at": created, "submitted_at": None, "published_at": None}
    if status == ReviewStatus.PUBLISHED:
        published = now - datetime.timedelta(days=rng.randrange(1, 1500), minutes=rng.randrange(0, 1440))
        submitted = published - datetime.timedelta(days=rng.randrange(3, 90), minutes=rng.randrange(0, 1440))
    else:  # submitted, in review, revision requested, rejected: submitted lately, no publication
        submitted = now - datetime.timedelta(days=rng.randrange(1, 75), minutes=rng.randrange(0, 1440))
        published = None
    created = submitted - datetime.timedelta(days=rng.randrange(1, 120))
    if not_before is not None:
        floor = datetime.datetime.combine(not_before, datetime.time(9), tzinfo=now.tzinfo)
        if created < floor:  # a story is written down after it happened: shift the whole sequence
            shift = floor - created
            created, submitted = created + shift, submitted + shift
            published = published + shift if published else None
            if (published or submitted) > now:
                created, submitted = min(created, now), min(submitted, now)
                published = min(published, now) if published else None
    return {"created_at": created, "submitted_at": submitted, "published_at": published}


def verification_date(rng: random.Random, published_at, today: datetime.date):
    """last_verified_on of a published synthetic innovation: most verified in the last 12 months,
    some verified long ago, some never, so that the "not verified in 12 months" badge means something."""
    published_on = published_at.date()
    draw = rng.random()
    if draw < 0.7:  # verified within the last 365 days, never before publication
        start = max(published_on, today - datetime.timedelta(days=364))
        return start + datetime.timedelta(days=rng.randrange(0, (today - start).days + 1))
    if draw < 0.85 and (today - published_on).days > 400:  # verified once, more than a year ago
        return published_on + datetime.timedelta(days=rng.randrange(0, (today - published_on).days - 365))
    return None


class _KeepCreatedAt:
    """Let bulk_create keep the created_at given to each row (auto_now_add would stamp them all with
    the moment of the seed, before their submission dates)."""

    def __init__(self, model):
        self.field = model._meta.get_field("created_at")

    def __enter__(self):
        self.field.auto_now_add = False

    def __exit__(self, *exc):
        self.field.auto_now_add = True


def _batched_create(model, rows, log, label):
    """bulk_create in batches of BATCH, each batch its own transaction; returns the created objects."""
    created = []
    for start in range(0, len(rows), BATCH):
        with transaction.atomic():
            created.extend(model.objects.bulk_create(rows[start : start + BATCH], batch_size=BATCH))
    log(f"  {label}: {len(rows)}")
    return created


def _demo_institutions(sizes: dict, hubs: list[Institution]) -> list[Institution]:
    """One synthetic local government per regency, coached by the province's hub when it has one."""
    prefix = sizes["prefix"]
    existing = list(Institution.objects.filter(slug__startswith=f"{prefix}-pemda-"))
    if existing:
        return existing
    hub_by_province = {h.province_id: h for h in hubs if h.province_id}
    ministries = [h for h in hubs if not h.province_id] or hubs
    rows = []
    for i, regency in enumerate(Regency.objects.order_by("code")):
        rows.append(
            Institution(
                name=f"Pemerintah {regency.name} ({sizes['label']})",
                slug=f"{prefix}-pemda-{regency.code.replace('.', '-')}",
                kind=InstitutionKind.PEMKABKOTA,
                province_id=regency.province_id,
                regency=regency,
                coaching_hub=hub_by_province.get(regency.province_id) or ministries[i % len(ministries)],
                is_demo=True,
            )
        )
    return Institution.objects.bulk_create(rows, batch_size=BATCH)


def bulk_seed(scale: str, seed: int, log=print) -> dict:
    """Generate the bulk demo records of `scale`; returns {kind: count created} (empty when present)."""
    sizes = BULK_SCALES[scale]
    prefix = sizes["prefix"]
    if Innovation.objects.filter(slug=f"{prefix}-inovasi-1").exists():
        log(f"Bulk demo data of scale {scale} already present.")
        return {}
    rng = random.Random(seed)
    t0 = time.monotonic()
    now = timezone.now()
    counts = {}

    hubs = list(Institution.objects.filter(Exists(HubDesignation.objects.filter(institution=OuterRef("pk")))))
    spokes = _demo_institutions(sizes, hubs)
    owners = [(h, h) for h in hubs] + [(s, s.coaching_hub) for s in spokes]
    counts["institutions"] = len(spokes)
    provinces = {p.code: p for p in Province.objects.all()}
    categories = list(Category.objects.all()) or [None]
    sdgs = list(SDG.objects.all())

    # Users and memberships.
    User = get_user_model()
    users = [
        User(username=f"{prefix}-pengguna-{i}", first_name="Contoh", last_name=str(i), password="!demo")  # noqa: S106 (an unusable password)
        for i in range(1, sizes["users"] + 1)
    ]
    users = _batched_create(User, users, log, "users")
    memberships = [
        HubMembership(
            user=u, hub=rng.choice(hubs), role=MembershipRole.ADMIN if rng.random() < 0.1 else MembershipRole.EDITOR
        )
        for u in users
    ]
    _batched_create(HubMembership, memberships, log, "memberships")
    counts["users"] = len(users)

    # Innovations: mostly published, some in the workflow.
    statuses = [ReviewStatus.PUBLISHED] * 17 + [
        ReviewStatus.DRAFT,
        ReviewStatus.SUBMITTED,
        ReviewStatus.IN_REVIEW,
        ReviewStatus.REVISION_REQUESTED,
    ]
    today = timezone.localdate()
    rows = []
    for i in range(1, sizes["innovations"] + 1):
        institution, hub = rng.choice(owners)
        service = rng.choice(_SERVICES)
        province = provinces.get(institution.province_id)
        place = institution.regency.name if institution.regency_id else (province.name if province else "Indonesia")
        status = rng.choice(statuses)
        started = datetime.date(2014, 1, 1) + datetime.timedelta(days=rng.randrange(0, 3650))
        dates = workflow_dates(rng, status, now)
        verified = verification_date(rng, dates["published_at"], today) if dates["published_at"] else None
        rows.append(
            Innovation(
                institution=institution,
                hub=hub,
                title=_title(rng, service),
                slug=f"{prefix}-inovasi-{i}",
                status=status,
                **dates,
                last_verified_on=verified,
                is_demo=True,
                created_by=rng.choice(users) if users else None,
                stage=rng.choice(Stage.values),
                innovation_type=rng.choice(InnovationType.values),
                initiator=rng.choice(Initiator.values),
                implementation_started_on=started,
                province=province,
                regency_id=institution.regency_id,
                category=rng.choice(categories),
                group=rng.choice([Group.UMUM, Group.UMUM, Group.REPLIKASI]),
                continuation=Continuation.BERLANJUT if rng.random() < 0.85 else Continuation.BERHENTI,
                **_aspects(rng, service, place),
            )
        )
    with _KeepCreatedAt(Innovation):
        innovations = _batched_create(Innovation, rows, log, "innovations")
    counts["innovations"] = len(innovations)
    del rows

    links = []
    for innovation in innovations:
        for sdg in rng.sample(sdgs, k=min(len(sdgs), rng.randint(1, 3))):
            links.append(InnovationSDG(innovation=innovation, sdg=sdg, relevance=""))
    _batched_create(InnovationSDG, links, log, "SDG links")
    del links

    # Replications: a published innovation adopted by another demo local government.
    published = [x for x in innovations if x.status == ReviewStatus.PUBLISHED]
    seen, rows = set(), []
    while len(rows) < sizes["replications"] and published and spokes:
        innovation, adopter = rng.choice(published), rng.choice(spokes)
        if adopter.pk == innovation.institution_id or (innovation.pk, adopter.pk) in seen:
            continue
        seen.add((innovation.pk, adopter.pk))
        stage = rng.choice(ReplicationStage.values)
        committed = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randrange(0, 1800))
        live = committed + datetime.timedelta(days=rng.randrange(30, 365)) if stage == "diterapkan" else None
        rows.append(
            Replication(
                innovation=innovation,
                adopter=adopter,
                facilitating_hub=innovation.hub,
                stage=stage,
                committed_on=committed,
                live_on=live,
                notes="Replikasi contoh yang difasilitasi hub.",
                is_demo=True,
            )
        )
    counts["replications"] = len(_batched_create(Replication, rows, log, "replications"))
    del rows

    # Impact stories (TPBIS): the values the small scale uses, written in bulk.
    programme = Programme.objects.select_related("hub").get(slug=tpbis.PROGRAMME["slug"])
    regencies = {}
    for regency in Regency.objects.order_by("code"):
        regencies.setdefault(regency.province_id, []).append(regency)
    refs = {
        "programme": programme,
        "provinces": list(provinces.values()),
        "regencies": regencies,
        "activity_types": list(ActivityType.objects.order_by("slug")),
    }
    from dataio.management.commands.seed_demo import demo_story_values

    rows = []
    for i in range(1, sizes["stories"] + 1):
        values = demo_story_values(i, rng, refs)
        values["title"] = values["title"].replace("Contoh kisah", f"Contoh kisah {prefix}")
        # Mostly published; a few waiting for review, so the workflow shows on stories too.
        status = ReviewStatus.DRAFT if i % 5 == 0 else ReviewStatus.SUBMITTED if i % 23 == 0 else ReviewStatus.PUBLISHED
        rows.append(
            ImpactStory(
                **values,
                **workflow_dates(rng, status, now, not_before=values["story_date"]),
                hub=programme.hub,
                slug=f"{prefix}-kisah-{i}",
                status=status,
                innovation=rng.choice(innovations) if rng.random() < 0.1 else None,
            )
        )
    with _KeepCreatedAt(ImpactStory):
        counts["stories"] = len(_batched_create(ImpactStory, rows, log, "stories"))
    del rows

    # Indicators with monthly measurements.
    n_indicators = sizes["measurements"] // MEASUREMENTS_PER_INDICATOR
    indicators = [
        Indicator(
            innovation=innovation,
            slug="warga-terlayani",
            name="Jumlah warga terlayani",
            name_en="People served",
            unit="orang",
            baseline=Decimal(rng.randrange(100, 1000)),
            target=Decimal(rng.randrange(2000, 10000)),
            is_demo=True,
        )
        for innovation in rng.sample(innovations, k=min(n_indicators, len(innovations)))
    ]
    indicators = _batched_create(Indicator, indicators, log, "indicators")
    rows = []
    for indicator in indicators:
        value = indicator.baseline
        for month in range(MEASUREMENTS_PER_INDICATOR):
            value += Decimal(rng.randrange(0, 300))
            rows.append(
                Measurement(
                    indicator=indicator,
                    measured_on=datetime.date(2023 + month // 12, month % 12 + 1, 1),
                    value=value,
                    is_demo=True,
                )
            )
    counts["measurements"] = len(_batched_create(Measurement, rows, log, "measurements"))
    del rows

    # bulk_create sends no signals: everything cached is stale once these rows commit.
    from jipp import cache

    cache.content_changed()
    if connection.vendor == "postgresql":
        # Statistics for the planner, and the visibility map that index-only scans (counts) need;
        # autovacuum would get there too, later.
        with connection.cursor() as cursor:
            # VACUUM cannot run in a transaction (a test's, or a caller's): then statistics only.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    log(f"Bulk demo data of scale {scale} written in {time.monotonic() - t0:.0f} s.")
    return counts
