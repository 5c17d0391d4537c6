import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_ensure_admin_creates_one_superuser_with_a_random_password(capsys):
    call_command("ensure_admin")
    first = capsys.readouterr().out
    password = first.split("password:")[1].split()[0]
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser
    assert user.check_password(password)
    assert len(password) >= 20

    call_command("ensure_admin")
    second = capsys.readouterr().out
    assert "already exists" in second
    assert "  password:" not in second
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_admin_login_page_is_served_under_admin(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
