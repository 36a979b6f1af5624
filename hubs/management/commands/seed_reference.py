from django.core.management.base import BaseCommand

from hubs.services import reference_seed


class Command(BaseCommand):
    help = "Load the 38 provinces, 514 regencies/cities and every sourced cohort and hub. Idempotent."

    def handle(self, *args, **options):
        result = reference_seed()
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded ({result})."))
