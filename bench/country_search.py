"""Time the directory's country search with 2,000 associations.

    .venv/bin/python bench/country_search.py [--associations 2000] [--repeat 200]

Uses a throwaway SQLite database (or DATABASE_URL when set), migrates it, loads the seed's
41 associations and bulk-creates more up to the requested total. Then it reports:

- how long the process-wide country lookup takes to build (once per process, first search);
- the time to resolve a query to a country, per kind of query (name, other language, code,
  alias, typo, no match): median and 95th percentile over --repeat runs;
- the time of the whole search behind the results list: resolving plus the database queries
  for one page of results (count and page) and for matching association names.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

QUERIES = {
    "English name": ["Germany", "France", "United Kingdom", "Japan", "Brazil"],
    "other language": ["Deutschland", "Allemagne", "Alemania", "Österreich", "Polska", "Etats-Unis"],
    "code": ["de", "DEU", "fr", "gbr", "JP"],
    "alias": ["UK", "USA", "Holland", "Czech Republic", "Great Britain"],
    "typo": ["Germny", "Frnace", "Swizterland", "Deutchland", "Itlay"],
    "no match": ["zzzz", "NET Patient Foundation", "x" * 100, "<script>", "Atlantis"],
}


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def timed(function, repeat):
    durations = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        durations.append((time.perf_counter() - start) * 1000)
    return statistics.median(durations), percentile(durations, 0.95)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--associations", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=200)
    options = parser.parse_args()

    database = None
    if "DATABASE_URL" not in os.environ:
        database = Path(tempfile.mkdtemp()) / "country_search.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netportal.settings.test")

    import django

    django.setup()
    from django.core.management import call_command
    from django_countries import countries

    from netportal.core import content as core_content
    from organizations import content as directory_content
    from organizations import directory
    from organizations.country_search import country_lookup, resolve_country
    from organizations.models import Association, Region, Scope

    print(f"Database: {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)
    home = core_content.load_home(lambda message: None)
    directory_content.load(home, lambda message: None)
    regions = list(Region.objects.all())
    codes = [code for code, _name in countries]
    missing = options.associations - Association.objects.count()
    Association.objects.bulk_create(
        [
            Association(
                name=f"Benchmark association {index}",
                slug=f"benchmark-association-{index}",
                country=codes[index % len(codes)] if index % 20 else "",
                scope=Scope.NATIONAL if index % 20 else Scope.MULTINATIONAL,
                countries_served=[] if index % 20 else codes[index % 200 : index % 200 + 10],
                region=regions[index % len(regions)],
                live=True,
            )
            for index in range(max(missing, 0))
        ],
        batch_size=500,
    )
    print(f"Associations: {Association.objects.count()} ({options.repeat} runs per query)\n")

    start = time.perf_counter()
    lookup = country_lookup()
    print(f"Building the country lookup (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"  {len(lookup.exact)} spellings, {len(lookup.deletions)} one-deletion variants\n")

    header = f"{'kind':<16} {'query':<24} {'country':<8} {'resolve median':>15} {'p95':>9}"
    print(f"{header} {'search median':>14} {'p95':>9}")
    worst = 0.0
    for kind, queries in QUERIES.items():
        for query in queries:
            match = resolve_country(query)
            resolve_median, resolve_p95 = timed(lambda query=query: resolve_country(query), options.repeat)

            def search(query=query):
                found = resolve_country(query)
                if found:
                    results = directory.serving_country(found.code)
                    results.count()
                    list(results[: directory.PER_PAGE])
                if not (found and found.kind == "code") and len(query) >= 3:
                    list(directory.matching_name(query))

            search_median, search_p95 = timed(search, max(options.repeat // 4, 10))
            worst = max(worst, resolve_p95)
            shown = query if len(query) <= 22 else query[:19] + "…"
            print(
                f"{kind:<16} {shown:<24} {(match.code if match else '-'):<8} "
                f"{resolve_median:>12.3f} ms {resolve_p95:>6.3f} ms {search_median:>11.2f} ms {search_p95:>6.2f} ms"
            )
    print(f"\nSlowest resolution (p95): {worst:.3f} ms; budget 20 ms: {'met' if worst < 20 else 'MISSED'}")
    if database:
        database.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
