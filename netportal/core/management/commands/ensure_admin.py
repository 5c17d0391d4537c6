"""Create the first administrator with a random password, shown once."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an 'admin' superuser with a random password if no superuser exists."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write(
                "An administrator account already exists. "
                f"To set a new password: python manage.py changepassword {username}"
            )
            return
        password = secrets.token_urlsafe(18)
        user_model.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS("Created the administrator account (shown only this once):"))
        self.stdout.write(f"  username: {username}\n  password: {password}")
