#!/usr/bin/env bash
# Lighthouse (mobile preset) on the portal's key pages, served by gunicorn with production settings
# from a scratch SQLite database holding the demo content.
#
# Writes the four category scores per page to bench/lighthouse-results.json (or $LIGHTHOUSE_OUTPUT)
# and exits non-zero when accessibility, best practices or SEO is below 100 or performance below 95.
# Needs: `npm ci` (pinned lighthouse in node_modules), Debian's chromium, the project's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_DIR=$(pwd)

# One line per page: name, then path. Every page must answer 200; anything else fails the run.
# The country search is measured on its shareable result page (searching "Germany" leads there);
# the ?q= form of it is noindex by design, which Lighthouse's SEO category would count against it.
PAGES=(
  "home /"
  "health-page /neuroendocrine-tumours/"  # with glossary terms marked (published below)
  "directory /patient-associations/"
  "country-search /patient-associations/country/deu/"
  "region /patient-associations/region/europe/"
  "association /patient-associations/lacnets/"
  "glossary /glossary/"
  "about /about/"
  "how-we-work /how-we-make-our-information/"
  "accessibility-statement /accessibility/"
  "privacy /privacy/"
  "contact /contact/"
  "german-home /de/"
  "german-directory /de/patient-associations/"
)

MIN_PERFORMANCE=${MIN_PERFORMANCE:-95}
MIN_OTHER=100  # accessibility, best practices, SEO
OUTPUT=${LIGHTHOUSE_OUTPUT:-$REPO_DIR/bench/lighthouse-results.json}
PYTHON=${PYTHON:-$REPO_DIR/.venv/bin/python}
LIGHTHOUSE=$REPO_DIR/node_modules/.bin/lighthouse
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
CHROME_FLAGS="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync"

[[ -x "$LIGHTHOUSE" ]] || { echo "lighthouse: not installed; run 'npm ci' in $REPO_DIR" >&2; exit 2; }
[[ -x "$CHROME_PATH" ]] || { echo "lighthouse: no Chromium at $CHROME_PATH (apt-get install chromium)" >&2; exit 2; }

WORKDIR=$(mktemp -d -t netportal-lighthouse.XXXXXX)
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

# Production settings, made to run over plain HTTP on the loopback interface, one process, no page
# cache (Lighthouse measures the rendered page; a shared cache would need Redis).
unset REDIS_URL
export PAGE_CACHE_ENABLED=false
export DJANGO_SETTINGS_MODULE=netportal.settings.production
SECRET_KEY=$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(45))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false
export DATABASE_URL="sqlite:///$WORKDIR/lighthouse.sqlite3"
export MEDIA_ROOT="$WORKDIR/media"

echo "lighthouse: preparing static files, database and demo content"
# collectstatic compresses every file (about 40 s); skip it when nothing it reads has changed since.
MANIFEST=$REPO_DIR/staticfiles/staticfiles.json
if [[ ! -f "$MANIFEST" || -n "$(find static requirements.txt -newer "$MANIFEST" -print -quit)" ]]; then
  "$PYTHON" manage.py collectstatic --noinput --verbosity 0
fi
"$PYTHON" manage.py migrate --noinput --verbosity 0
"$PYTHON" manage.py load_portal_content --verbosity 0 >/dev/null
# Measurement only, in this scratch database: the demo's glossary terms wait unreviewed, so no page
# marks them. Publishing them here lets the glossary and the health page be measured as they will
# look once a reviewer approves terms. Nothing here reaches the demo content or a real site.
"$PYTHON" manage.py shell --no-startup -c '
from glossary.models import GlossaryTerm
for term in GlossaryTerm.objects.all():
    term.save_revision().publish()
print(f"lighthouse: {GlossaryTerm.objects.filter(live=True).count()} glossary terms published for measuring")
'

PORT=""
for candidate in $(seq 8150 8199); do
  if ! (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then PORT=$candidate; break; fi
done
[[ -n "$PORT" ]] || { echo "lighthouse: no free port in 8150-8199" >&2; exit 2; }
BASE_URL="http://127.0.0.1:$PORT"

"$REPO_DIR/.venv/bin/gunicorn" netportal.wsgi --bind "127.0.0.1:$PORT" --workers 2 \
  --log-level warning >"$WORKDIR/gunicorn.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  curl -fsS "$BASE_URL/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORKDIR/gunicorn.log" >&2; exit 2; }
  sleep 0.2
done
curl -fsS "$BASE_URL/healthz" >/dev/null || { echo "lighthouse: server did not start" >&2; cat "$WORKDIR/gunicorn.log" >&2; exit 2; }

# The health page must really be measured with terms marked (grep reads the whole page: with -q it
# would stop early and curl, its pipe closed, would fail the pipeline).
curl -fsS "$BASE_URL/neuroendocrine-tumours/" | grep 'class="glossary-term"' >/dev/null \
  || { echo "lighthouse: no glossary term is marked on /neuroendocrine-tumours/" >&2; exit 1; }

REPORTS=()
for entry in "${PAGES[@]}"; do
  read -r name path <<<"$entry"
  status=$(curl -s -o /dev/null -w '%{http_code}' "$BASE_URL$path")
  [[ "$status" == "200" ]] || { echo "lighthouse: $name ($path) answered $status, expected 200" >&2; exit 1; }
  # Warm the server (first-request imports, page cache) so the run measures the page, not start-up.
  curl -s -o /dev/null "$BASE_URL$path"
  echo "lighthouse: $name ($path)"
  # Lighthouse itself asks for a re-run when Chromium's trace comes back incomplete (NO_NAVSTART and
  # the like); that is a measuring failure, not a score, so it gets up to three attempts.
  for attempt in 1 2 3; do
    if "$LIGHTHOUSE" "$BASE_URL$path" --quiet --output=json --output-path="$WORKDIR/$name.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="$CHROME_FLAGS" --max-wait-for-load=30000; then
      break
    fi
    [[ $attempt == 3 ]] && { echo "lighthouse: $name failed three times" >&2; exit 1; }
    echo "lighthouse: $name: measuring failed, attempt $((attempt + 1)) of 3"
  done
  REPORTS+=("$name|$path|$WORKDIR/$name.json")
done

"$PYTHON" - "$OUTPUT" "$MIN_PERFORMANCE" "$MIN_OTHER" "${REPORTS[@]}" <<'PYTHON'
import json
import sys
from pathlib import Path

output, min_performance, min_other = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
results, failures = {}, []
for spec in sys.argv[4:]:
    name, path, report_path = spec.split("|", 2)
    report = json.loads(Path(report_path).read_text())
    scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    failing_audits = sorted(
        audit_id
        for category in report["categories"].values()
        for ref in category["auditRefs"]
        if ref["weight"] and (audit := report["audits"][ref["id"]])["score"] is not None and audit["score"] < 1
        for audit_id in [ref["id"]]
    )
    results[name] = {"path": path, "scores": scores, "audits_below_full_score": failing_audits}
    for key, score in scores.items():
        minimum = min_performance if key == "performance" else min_other
        if score < minimum:
            failures.append(f"{name}: {key} {score} < {minimum}")
Path(output).write_text(
    json.dumps(
        {
            "preset": "mobile",
            "thresholds": {"performance": min_performance, "other_categories": min_other},
            "pages": results,
        },
        indent=2,
    )
    + "\n"
)
print(f"{'page':<24} {'perf':>5} {'a11y':>5} {'b-p':>5} {'seo':>5}")
for name, result in results.items():
    s = result["scores"]
    print(f"{name:<24} {s['performance']:>5} {s['accessibility']:>5} {s['best-practices']:>5} {s['seo']:>5}")
print(f"lighthouse: scores written to {output}")
if not results:
    print("lighthouse: no page was measured", file=sys.stderr)
    sys.exit(1)
if failures:
    print("lighthouse: below threshold:\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
PYTHON
