"""Reading deployment values from the environment, with clear errors for bad ones."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in TRUE_WORDS:
        return True
    if value.strip().lower() in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name, default=""):
    """A comma-separated list, blanks removed."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def database_from_url(url):
    """DATABASES['default'] from a DATABASE_URL, or one clear error line."""
    try:
        config = dj_database_url.parse(url)
    except Exception as error:  # dj-database-url raises several types for bad input
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a valid database URL ({error}); "
            "expected e.g. sqlite:///db.sqlite3 or postgres://user@host:5432/name."
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point to SQLite or PostgreSQL, not {engine or 'an unknown engine'}."
        )
    if not config.get("NAME"):
        raise ImproperlyConfigured("DATABASE_URL has no database name.")
    if engine == "django.db.backends.postgresql":
        # Reuse connections between requests, but check them first so a restarted
        # database does not leave the process holding dead connections.
        config["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))
        config["CONN_HEALTH_CHECKS"] = True
        config.setdefault("OPTIONS", {})["connect_timeout"] = 5
    return config
