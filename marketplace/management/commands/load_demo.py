"""Build a believable OCOP marketplace: taxonomy, cooperatives, products, pages, users."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from oscar.core.loading import get_model
from wagtail.models import Page

from marketplace.demo import catalogue, checkout, cms, evaluation, finance, traceability, users
from marketplace.demo import legal as demo_legal
from marketplace.demo import trade as demo_trade


class Command(BaseCommand):
    help = "Load the demo marketplace (idempotent). --reset deletes the demo data first."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Delete demo data and build it again."
        )

    def handle(self, *args, reset=False, **options):
        if reset:
            self.stdout.write("Deleting demo data…")
            self.reset()
        self.stdout.write("Loading the OCOP taxonomy, cooperatives and products…")
        counts = catalogue.load_cooperatives(stdout=self.stdout)
        self.stdout.write("Building the home page and news…")
        cms.build_site(stdout=self.stdout)
        demo_legal.load(stdout=self.stdout)  # operating rules, terms, privacy notice (#16)
        users.load_people()
        checkout.load(stdout=self.stdout)
        self.stdout.write("Recording production batches, journeys and scans…")
        traceability.load_batches(stdout=self.stdout)
        self.stdout.write("Running an OCOP evaluation cycle: dossiers, councils, certificates…")
        evaluation.load(stdout=self.stdout)
        self.stdout.write("Publishing loan programmes…")
        finance.load(stdout=self.stdout)
        self.stdout.write("Opening sourcing requests on the trade board…")
        demo_trade.load(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo marketplace ready: {counts.cooperatives} cooperatives, "
                f"{counts.products} products ({counts.created} new)."
            )
        )
        self.stdout.write("Logins (email / password):")
        self.stdout.write(
            f"  Alliance staff (dashboard, CMS): {users.STAFF['email']} / {users.STAFF['password']}"
        )
        self.stdout.write(f"  Buyer: {users.BUYER['email']} / {users.BUYER['password']}")
        first = catalogue.read_cooperatives()[0]
        self.stdout.write(
            f"  Cooperative (e.g. {first['short_name']}): {first['email']} / {catalogue.COOPERATIVE_PASSWORD}"
            " (every demo cooperative's e-mail, same password)"
        )

    @transaction.atomic
    def reset(self):
        traceability.delete_batches()
        for app_label, model_name in [
            ("partner", "StockRecord"),
            ("catalogue", "ProductImage"),
            ("catalogue", "ProductCategory"),
            ("catalogue", "Product"),
            ("catalogue", "ProductClass"),
            ("catalogue", "Category"),
            ("partner", "PartnerAddress"),
            ("partner", "Partner"),
        ]:
            get_model(app_label, model_name).objects.all().delete()
        emails = [c["email"] for c in catalogue.read_cooperatives()]
        emails += [users.STAFF["email"], users.BUYER["email"]]
        get_user_model().objects.filter(username__in=emails).delete()
        home = Page.objects.filter(slug=cms.HOME_SLUG, depth=2).first()
        if home:
            home.delete()
