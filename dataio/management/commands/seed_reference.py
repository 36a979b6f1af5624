from django.core.management.base import BaseCommand
from django.db import transaction

from hubs.services import reference_seed
from innovations.reference import innovations_reference_seed
from stories.reference import tpbis_reference_seed


class Command(BaseCommand):
    help = "Load regions, sourced cohorts and hubs, SDGs, KIPP categories and the TPBIS programme. Idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        result = reference_seed()
        innovations_reference_seed(result)
        tpbis_reference_seed(result)
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({result})."))
