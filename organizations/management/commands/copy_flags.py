"""Copy the pinned flag-icons SVGs into static/flags/ (run after `npm ci`; `make flags`)."""

import json
import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_countries import countries

from organizations.flags import FLAGS_DIR


class Command(BaseCommand):
    help = "Copy the 4:3 SVG flags of every country from node_modules/flag-icons into static/flags/."

    def add_arguments(self, parser):
        parser.add_argument("--source", default=str(Path(settings.BASE_DIR) / "node_modules" / "flag-icons"))

    def handle(self, *args, source, **options):
        source = Path(source)
        pinned = json.loads((Path(settings.BASE_DIR) / "package.json").read_text())["dependencies"]["flag-icons"]
        installed = json.loads((source / "package.json").read_text())["version"] if source.exists() else None
        if installed != pinned:
            raise CommandError(f"flag-icons {pinned} is pinned but {installed or 'none'} is in {source}; run npm ci")
        target = Path(settings.BASE_DIR) / "static" / FLAGS_DIR
        target.mkdir(parents=True, exist_ok=True)
        for old in target.glob("*.svg"):
            old.unlink()
        for code, _name in countries:
            shutil.copyfile(source / "flags" / "4x3" / f"{code.lower()}.svg", target / f"{code.lower()}.svg")
        shutil.copyfile(source / "LICENSE", target / "LICENSE")
        (target / "VERSION").write_text(f"flag-icons {pinned}\n")
        self.stdout.write(f"copied {len(list(target.glob('*.svg')))} flags from flag-icons {pinned}")
