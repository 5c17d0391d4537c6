"""The compose stack cannot run here (no Docker engine), so its shape is checked instead."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_defines_varnish_web_media_db_and_redis_with_healthchecks():
    services = compose()["services"]
    assert set(services) == {"varnish", "web", "media", "db", "redis"}
    for name, service in services.items():
        assert "healthcheck" in service, name
        assert service["healthcheck"]["test"], name


def test_compose_web_runs_gunicorn_with_production_settings():
    web = compose()["services"]["web"]
    env = web["environment"]
    assert env["DJANGO_SETTINGS_MODULE"] == "netportal.settings.production"
    assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert "${SECRET_KEY:?" in env["SECRET_KEY"], "SECRET_KEY must be required, never defaulted"
    assert "gunicorn netportal.wsgi:application" in web["command"]
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


def test_compose_database_is_postgres_15_with_named_volume():
    data = compose()
    db = data["services"]["db"]
    assert db["image"].startswith("postgres:15")
    volume = db["volumes"][0].split(":")[0]
    assert volume in data["volumes"]


def test_dockerfile_uses_python_313_and_gunicorn():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "FROM python:3.13" in dockerfile
    assert "gunicorn" in dockerfile
    assert "USER netportal" in dockerfile


def test_compose_puts_varnish_in_front_with_the_repository_vcl():
    services = compose()["services"]
    varnish = services["varnish"]
    assert "./docker/varnish/default.vcl:/etc/varnish/default.vcl:ro" in varnish["volumes"]
    assert varnish["ports"] == ["8000:80"]
    assert "ports" not in services["web"], "visitors reach Django only through Varnish"
    assert services["web"]["environment"]["FRONTEND_CACHE_PURGE_URL"] == "http://varnish:80"
    vcl = (ROOT / "docker" / "varnish" / "default.vcl").read_text()
    assert '.host = "web";' in vcl and 'acl purgers {\n    "web";\n}' in vcl


def test_compose_serves_media_from_the_shared_volume_not_django():
    services = compose()["services"]
    assert services["web"]["environment"]["SERVE_MEDIA"] == "false"
    assert "media:/app/media" in services["web"]["volumes"]
    assert "media:/srv/media:ro" in services["media"]["volumes"]
    assert "alias /srv/media/;" in (ROOT / "docker" / "media" / "nginx.conf").read_text()


def test_compose_limits_redis_memory_with_lru_eviction():
    command = compose()["services"]["redis"]["command"]
    assert command[command.index("--maxmemory") + 1] == "256mb"
    assert command[command.index("--maxmemory-policy") + 1] == "allkeys-lru"
