"""Deploy-ready settings: check --deploy is clean, production needs its secret, headers and CSP are set."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
TEMPLATES = ROOT / "templates"


def _manage(*args, env_extra=None, unset=()):
    # The e2e conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for Playwright; a deployment never has it.
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", *unset}}
    env.update({"DJANGO_SETTINGS_MODULE": "jipp.settings.production", **(env_extra or {})})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_with_production_settings_prints_no_warning():
    """`manage.py check --deploy` with production settings and a real-looking secret reports no issue at all."""
    result = _manage("check", "--deploy", env_extra={"DJANGO_SECRET_KEY": secrets.token_urlsafe(50)})
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    """Without DJANGO_SECRET_KEY, production settings fail loudly instead of running with a default."""
    result = _manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set in production" in result.stderr


def test_production_settings_are_secure():
    """Production: no DEBUG, secure cookies, HSTS, SSL redirect behind the proxy, nosniff, referrer policy."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_PROXY_SSL_HEADER, s.SECURE_CONTENT_TYPE_NOSNIFF, "
        "s.SECURE_REFERRER_POLICY, s.SESSION_ENGINE)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jipp.settings.production", "DJANGO_SECRET_KEY": "x" * 50}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "strict-origin-when-cross-origin",
        "django.contrib.sessions.backends.db",
    ]


def test_secrets_have_no_default_in_the_repository():
    """No settings module but local/test carries a literal secret key; .env is not committed."""
    for name in ("base.py", "production.py"):
        text = (ROOT / "jipp" / "settings" / name).read_text()
        assert re.search(r"SECRET_KEY\s*=\s*env\(\"DJANGO_SECRET_KEY\", default=\"\"\)", text), name
    tracked = subprocess.run(["git", "ls-files", ".env"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked.strip() == ""


@pytest.mark.django_db
def test_pages_carry_a_csp_without_unsafe_inline_or_eval_and_the_other_headers(client):
    """Every page: CSP with script-src 'self' only (no unsafe-inline/eval), framing refused, nosniff, referrer."""
    response = client.get("/")
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert "unsafe" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_api_docs_pages_relax_styles_only_and_load_no_inline_script(client, path):
    """Swagger UI and Redoc get inline styles (their widgets need them) but still no inline script."""
    response = client.get(path)
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in csp
    assert "script-src 'self';" in csp + ";"
    html = response.content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline <script> would be blocked by the CSP"


def test_swagger_start_script_is_served_as_a_file(client, db):
    """The Swagger UI's start-up script comes from its own URL (a 'self' script), not inline."""
    response = client.get("/api/docs/?script=")
    assert response.status_code == 200
    assert "javascript" in response["Content-Type"]


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)
HANDLER_ATTR = re.compile(r"<[^>]+\s on[a-z]+\s*=", re.I | re.X)
STYLE_ATTR = re.compile(r"<[^>]+\sstyle\s*=", re.I)


def _served_templates():
    # PDF templates are rendered by WeasyPrint, never served to a browser, so the CSP does not apply.
    return [p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.relative_to(TEMPLATES).parts]


def test_no_template_has_an_inline_script_handler_or_style_attribute():
    """The CSP blocks inline scripts, on*= handlers and style= attributes: no served template may use them."""
    offenders = []
    for path in _served_templates():
        text = path.read_text()
        for pattern in (INLINE_SCRIPT, HANDLER_ATTR, STYLE_ATTR):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)[:60]}" for m in pattern.finditer(text)]
    # The Redoc override keeps the packaged <style> block: that page has its own style exemption.
    offenders = [o for o in offenders if not o.startswith("templates/drf_spectacular/")]
    assert offenders == []


def test_htmx_does_not_inject_its_indicator_style():
    """htmx 2 would add a <style> element (blocked by the CSP): base.html switches that off."""
    base = (TEMPLATES / "base.html").read_text()
    assert '"includeIndicatorStyles": false' in base
    assert ".htmx-indicator" in (ROOT / "static" / "css" / "portal.css").read_text()


SAFE_ALLOWED = {
    # Django's own password-validator help text (HTML written by Django, no user input).
    "templates/registration/password_reset_confirm.html",
}


def test_every_safe_filter_and_autoescape_off_is_justified():
    """Autoescape stays on: |safe only on developer-written HTML, autoescape off only in plain-text mails."""
    for path in TEMPLATES.rglob("*"):
        if not path.is_file():
            continue
        rel = str(path.relative_to(ROOT))
        text = path.read_text()
        if "|safe" in text:
            assert rel in SAFE_ALLOWED, rel
        if "{% autoescape off %}" in text:
            assert rel.endswith(".txt") or "email" in rel, rel
    python_marks = subprocess.run(
        ["git", "grep", "-l", "mark_safe(", "--", "*.py"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    # Two join pieces that format_html already escaped: the report charts' SVG and the fast <select> widget.
    assert sorted(p for p in python_marks if not p.startswith("tests/")) == [
        "jipp/forms.py",
        "reports/generators/charts.py",
    ]
