"""Synthetic demo content for local use: impact stories (and a few innovations), all marked is_demo.

Every record made here is synthetic, carries is_demo=True and is badged "Contoh" wherever it is
shown. Settings with JIPP_ALLOW_DEMO_DATA off (production) refuse to run it.

Scales are rows of SCALES. `small` goes through the services and the workflow (so demo data obeys
the same rules as real data) for a dozen records, then adds a few hundred of each kind in bulk;
`large` writes the national-scale volume in bulk (innovations.demo_bulk: 100,000 innovations,
50,000 replications, 200,000 stories, 500,000 measurements, 5,000 users), for the benchmark.
Re-running is idempotent: records are keyed by their "contoh-…" slugs.
"""

import datetime
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from hubs.models import HubMembership, Province, Regency
from innovations.models import Innovation
from innovations.workflow import workflow_transition
from jipp.choices import MembershipRole
from jipp.permissions import MINISTRY_STAFF_GROUP
from stories.choices import AgeGroup, Gender, LibraryLevel
from stories.data import tpbis
from stories.models import ActivityType, ImpactStory, Programme
from stories.services import story_create, story_transition

SCALES = {"small": {"stories": 12, "innovations": 3}, "large": {"stories": 0, "innovations": 0}}

DEMO_ADMIN = "contoh-admin-perpusnas"
DEMO_STAFF = "contoh-staf-kementerian"

# Invented given names and family names: the combinations are synthetic on purpose.
_GIVEN = ["Sari", "Budi", "Dewi", "Agus", "Rina", "Joko", "Lestari", "Hendra", "Wulan", "Yusuf", "Intan", "Rudi"]
_FAMILY = ["Wibowo", "Siregar", "Pratama", "Lubis", "Santoso", "Nainggolan", "Saputra", "Hasibuan", "Kurniawan"]
_BEFORE = [
    "Sebelum mengikuti kegiatan perpustakaan, penghasilannya tidak tetap dan bergantung pada pekerjaan harian.",
    "Ia belum pernah memakai komputer dan tidak tahu cara memasarkan hasil usahanya.",
    "Usaha rumahannya kecil dan hanya dikenal tetangga sekitar.",
]
_AFTER = [
    "Setelah pelatihan di perpustakaan, ia membuka usaha sendiri dan penghasilannya naik.",
    "Kini ia memasarkan produknya secara daring dan pesanan datang dari luar desa.",
    "Ia melatih warga lain di perpustakaan dan usahanya tumbuh bersama kelompoknya.",
]


def demo_story_values(i: int, rng: random.Random, refs: dict) -> dict:
    """The values of synthetic story number `i` (model values, no user): shared by every scale."""
    province = rng.choice(refs["provinces"])
    regencies = refs["regencies"].get(province.code) or [None]
    income_before = rng.choice([None, 300_000, 500_000, 750_000, 1_000_000, 1_500_000])
    income_after = None if income_before is None else income_before + rng.choice([-100_000, 250_000, 1_000_000])
    named = rng.random() < 0.5
    consent_date = datetime.date(2024, 1, 1) + datetime.timedelta(days=rng.randrange(0, 400))
    return {
        "programme": refs["programme"],
        "title": f"Contoh kisah {i}: {rng.choice(['usaha baru', 'pemasaran daring', 'keterampilan baru'])}",
        "library_name": f"Perpustakaan contoh {i}",
        "library_level": rng.choice(LibraryLevel.values),
        "province": province,
        "regency": rng.choice(regencies),
        "beneficiary_name": f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}",
        "gender": rng.choice(Gender.values),
        "age_group": rng.choice(AgeGroup.values),
        "has_disability": rng.random() < 0.1,
        "consent_name_public": named,
        "consent_photo_public": rng.random() < 0.3,
        "consent_date": consent_date,
        "activity_type": rng.choice(refs["activity_types"]),
        "people_reached": rng.randrange(1, 200),
        "narrative_before": rng.choice(_BEFORE),
        "narrative_after": rng.choice(_AFTER),
        "income_before": income_before,
        "income_after": income_after,
        "story_date": consent_date + datetime.timedelta(days=rng.randrange(0, 60)),
        "is_demo": True,
    }


class Command(BaseCommand):
    help = "Create synthetic demo stories and innovations (is_demo, badged “Contoh”). Refused in production."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2024, help="Random seed (the same seed gives the same data).")

    def handle(self, *args, scale, seed, **options):
        if not getattr(settings, "JIPP_ALLOW_DEMO_DATA", False):
            raise CommandError("Demo data is not allowed with these settings (JIPP_ALLOW_DEMO_DATA is off).")
        if not (Programme.objects.filter(slug=tpbis.PROGRAMME["slug"]).exists() and Province.objects.exists()):
            call_command("seed_reference", stdout=self.stdout)
        sizes = SCALES[scale]
        with transaction.atomic():
            admin, staff = self._users()
            innovations = self._innovations(sizes["innovations"], admin, staff)
            stories = self._stories(sizes["stories"], seed, admin, staff)
        # Bulk rows commit batch by batch (a single transaction of a million rows would be slow).
        from dataio.demo_bulk import bulk_seed

        bulk = bulk_seed(scale, seed, log=self.stdout.write)
        if bulk:
            self.stdout.write("Bulk: " + ", ".join(f"{n} {kind}" for kind, n in bulk.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {innovations} new innovations, {stories} new stories (scale {scale})."
            )
        )

    def _users(self):
        User = get_user_model()
        hub = Programme.objects.get(slug=tpbis.PROGRAMME["slug"]).hub
        admin, created = User.objects.get_or_create(username=DEMO_ADMIN, defaults={"first_name": "Contoh"})
        if created:
            admin.set_unusable_password()
            admin.save(update_fields=["password"])
        HubMembership.objects.get_or_create(user=admin, hub=hub, defaults={"role": MembershipRole.ADMIN})
        staff, created = User.objects.get_or_create(username=DEMO_STAFF, defaults={"first_name": "Contoh"})
        if created:
            staff.set_unusable_password()
            staff.save(update_fields=["password"])
        staff.groups.add(Group.objects.get(name=MINISTRY_STAFF_GROUP))
        return admin, staff

    def _innovations(self, n, admin, staff) -> int:
        hub = Programme.objects.get(slug=tpbis.PROGRAMME["slug"]).hub
        created = 0
        for i in range(1, n + 1):
            slug = f"contoh-inovasi-{i}"
            if Innovation.objects.filter(slug=slug).exists():
                continue
            innovation = Innovation.objects.create(
                institution=hub,
                hub=hub,
                title=f"Contoh inovasi {i}",
                slug=slug,
                ringkasan="Inovasi sintetis untuk pengembangan lokal.",
                is_demo=True,
                created_by=admin,
            )
            workflow_transition(obj=innovation, user=admin, action="submit")
            innovation = workflow_transition(obj=innovation, user=staff, action="publish")
            # Verified on publication, all but every third: the "not verified in 12 months" badge shows
            # on some rows and not on others, as with real data.
            if i % 3:
                innovation.last_verified_on = timezone.localdate()
                innovation.save(update_fields=["last_verified_on", "updated_at"])
            created += 1
        return created

    def _stories(self, n, seed, admin, staff) -> int:
        rng = random.Random(seed)
        regencies = {}
        for regency in Regency.objects.order_by("code"):
            regencies.setdefault(regency.province_id, []).append(regency)
        refs = {
            "programme": Programme.objects.select_related("hub").get(slug=tpbis.PROGRAMME["slug"]),
            "provinces": list(Province.objects.order_by("code")),
            "regencies": regencies,
            "activity_types": list(ActivityType.objects.order_by("slug")),
        }
        existing = set(ImpactStory.objects.filter(is_demo=True).values_list("title", flat=True))
        created = 0
        for i in range(1, n + 1):
            values = demo_story_values(i, rng, refs)
            if values["title"] in existing:
                continue
            story = story_create(user=admin, data=values)
            # Most demo stories are published; a few stay in draft to show the workflow.
            if i % 4:
                story_transition(story=story, user=admin, action="submit")
                story_transition(story=story, user=staff, action="publish")
            created += 1
        return created
