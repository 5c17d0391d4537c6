"""Compile the interface's .po catalogues into the .mo files Django reads.

Django's own `compilemessages` needs GNU gettext's msgfmt, which a newcomer's machine and the
slim Docker image may not have; polib (installed with wagtail-localize) writes the same files in
Python. Fuzzy and untranslated entries are left out, as msgfmt leaves them out.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile every locale/<language>/LC_MESSAGES/*.po into its .mo file."

    def handle(self, *args, **options):
        compiled = 0
        for locale_path in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
                self.stdout.write(f"  compiled {po_path}")
        self.stdout.write(f"Translations: {compiled} catalogue(s) compiled, the others were up to date.")
