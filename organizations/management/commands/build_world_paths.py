"""Write organizations/data/world_paths.json from the pinned npm package world-atlas (run `npm ci` first)."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from organizations import map_paths


class Command(BaseCommand):
    help = (
        "Make the world map's country outlines (organizations/data/world_paths.json) from "
        "node_modules/world-atlas/countries-110m.json. Run `npm ci` first; commit the result."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source",
            default=str(Path(settings.BASE_DIR) / "node_modules" / map_paths.SOURCE_PACKAGE),
            help="The installed world-atlas package folder.",
        )
        parser.add_argument("--output", default=str(map_paths.OUTPUT), help="Where to write the JSON file.")

    def handle(self, *args, **options):
        package = Path(options["source"])
        topology = package / map_paths.SOURCE_FILE
        if not topology.exists():
            raise CommandError(f"{topology} not found: run `npm ci` to install the pinned world-atlas package.")
        version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
        data = map_paths.build(topology, options["output"], version=version)
        size = Path(options["output"]).stat().st_size
        self.stdout.write(f"{len(data['countries'])} countries from world-atlas {version}, {size:,} bytes written")
