"""Resolve what a visitor typed into a country: names in many languages, codes, aliases, typos.

The lookup is built once per process (about a second, on first use) and then answers
from dictionaries: an exact table of every known spelling, a table of one-deletion
variants for single typos, and a difflib pass over English names for bigger ones.
"""

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import django_countries
from django.conf import locale as django_locale
from django.utils import translation
from django_countries import countries

MAX_QUERY_LENGTH = 100

# Common names people type that are not a country's official short name in any catalogue.
ALIASES = {
    "GB": [
        "UK",
        "U.K.",
        "United Kingdom",
        "Great Britain",
        "Grande-Bretagne",
        "Großbritannien",
        "Gran Bretaña",
        "Gran Bretagna",
        "Groot-Brittannië",
        "Britain",
        "England",
        "Scotland",
        "Wales",
        "Northern Ireland",
    ],
    "US": ["USA", "U.S.A.", "U.S.", "America", "United States", "the States"],
    "NL": ["Holland", "The Netherlands", "Nederland"],
    "IE": ["Éire", "Eire"],
    "CZ": ["Czechia", "Czech Republic"],
    "KR": ["South Korea", "Korea"],
    "KP": ["North Korea"],
    "RU": ["Russia"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VN": ["Vietnam"],
    "LA": ["Laos"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "TZ": ["Tanzania"],
    "MD": ["Moldova"],
    "TW": ["Taiwan"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "AE": ["UAE", "Emirates"],
    "CD": ["DR Congo", "DRC"],
    "VA": ["Vatican"],
    "MK": ["Macedonia"],
    "TR": ["Turkey", "Turkiye"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "MM": ["Burma"],
}


def normalize(text):
    """Lower case, accents and punctuation removed, spaces collapsed: "Côte d'Ivoire" becomes "cote d ivoire"."""
    text = unicodedata.normalize("NFKD", str(text)[:MAX_QUERY_LENGTH].casefold())
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


@dataclass(frozen=True)
class CountryMatch:
    """A resolved country and how the query matched it."""

    code: str  # ISO 3166-1 alpha-2, upper case
    kind: str  # "name", "code", "alias" or "typo"
    matched: str  # the spelling that matched

    @property
    def country(self):
        return django_countries.fields.Country(self.code)


def _translated_languages():
    """Languages Django ships (django.conf.locale) for which django-countries has a catalogue.

    Other languages show the English names, which are indexed anyway.
    """
    catalogues = {path.name for path in (Path(django_countries.__file__).parent / "locale").iterdir()}
    languages = []
    for code, info in django_locale.LANG_INFO.items():
        if "fallback" in info:
            continue
        locale_name = translation.to_locale(code)
        if locale_name in catalogues or locale_name.split("_")[0] in catalogues:
            languages.append(code)
    return languages


class CountryLookup:
    """All spellings of every country, indexed for exact, prefix and typo-tolerant lookups."""

    def __init__(self):
        self.exact = {}  # normalized spelling → (alpha-2, kind, spelling)
        self.english = {}  # normalized English name → alpha-2
        self.deletions = {}  # one-deletion variant → set of normalized spellings
        self._add_everything()
        self.sorted_spellings = sorted(self.exact)
        for spelling in self.exact:
            if len(spelling) >= 4:
                for variant in self._deletion_variants(spelling):
                    self.deletions.setdefault(variant, set()).add(spelling)
        self.english_names = list(self.english)

    def _add(self, spelling, code, kind):
        key = normalize(spelling)
        if key and key not in self.exact:  # first writer wins: English and aliases come first
            self.exact[key] = (code, kind, str(spelling))

    def _add_everything(self):
        with translation.override("en"):
            for country in countries:
                self._add(country.name, country.code, "name")
                self.english[normalize(country.name)] = country.code
        for code, aliases in ALIASES.items():
            for alias in aliases:
                self._add(alias, code, "alias")
                self.english.setdefault(normalize(alias), code)
        for code, names in countries.OLD_NAMES.items():
            for name in names:
                self._add(name, code, "alias")
        for country in countries:
            self._add(country.code, country.code, "code")
            self._add(countries.alpha3(country.code), country.code, "code")
        for language in _translated_languages():
            with translation.override(language):
                for country in countries:
                    self._add(country.name, country.code, "name")

    @staticmethod
    def _deletion_variants(text):
        return {text[:index] + text[index + 1 :] for index in range(len(text))}

    @staticmethod
    def _within_one_edit(first, second):
        """Damerau-Levenshtein distance of at most one (one insertion, deletion, change or swap)."""
        if abs(len(first) - len(second)) > 1:
            return False
        if len(first) == len(second):
            differences = [index for index, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
            if len(differences) <= 1:
                return True
            return (
                len(differences) == 2
                and differences[1] == differences[0] + 1
                and first[differences[0]] == second[differences[1]]
                and first[differences[1]] == second[differences[0]]
            )
        shorter, longer = sorted((first, second), key=len)
        return any(longer[:index] + longer[index + 1 :] == shorter for index in range(len(longer)))

    def resolve(self, query):
        """The country the query names, or None."""
        key = normalize(query)
        if not key:
            return None
        if key in self.exact:
            code, kind, spelling = self.exact[key]
            return CountryMatch(code, kind, spelling)
        if len(key) < 4 or len(key) > 60:
            return None
        return self._resolve_first_words(key) or self._resolve_typo(key)

    def _resolve_first_words(self, key):
        """The one country a longer name of which starts with the query's words.

        Many catalogues give the long form ("États-Unis d'Amérique", "Vereinigte Staaten von
        Amerika"); people type "Etats-Unis". Whole words only, and only when one country matches:
        "South" or "Saint" name several countries and resolve to none.
        """
        prefix = key + " "
        found = None
        for spelling in self.sorted_spellings[bisect.bisect_left(self.sorted_spellings, prefix) :]:
            if not spelling.startswith(prefix):
                break
            code, _kind, original = self.exact[spelling]
            if found and found[0] != code:
                return None
            found = found or (code, original)
        return CountryMatch(found[0], "name", found[1]) if found else None

    def _resolve_typo(self, key):
        candidates = set(self.deletions.get(key, ()))
        for variant in self._deletion_variants(key):
            if variant in self.exact:
                candidates.add(variant)
            candidates.update(self.deletions.get(variant, ()))
        close = sorted(spelling for spelling in candidates if self._within_one_edit(key, spelling))
        codes = {self.exact[spelling][0] for spelling in close}
        if len(codes) == 1:
            spelling = close[0]
            return CountryMatch(self.exact[spelling][0], "typo", self.exact[spelling][2])
        if len(codes) > 1:
            return None  # ambiguous: better to say nothing than to guess
        # Two edits, English names and aliases only: "Germnay", "Swizterland".
        if len(key) >= 6:
            matches = difflib.get_close_matches(key, self.english_names, n=2, cutoff=0.84)
            if matches and (len(matches) == 1 or self.english[matches[0]] == self.english[matches[1]]):
                code = self.english[matches[0]]
                return CountryMatch(code, "typo", self.exact[matches[0]][2])
        return None

    def suggest(self, query, limit=8):
        """Countries whose spelling starts with the query, as (alpha-2, English name), best first."""
        key = normalize(query)
        if not key:
            return []
        codes = []
        start = bisect.bisect_left(self.sorted_spellings, key)
        for spelling in self.sorted_spellings[start:]:
            if not spelling.startswith(key):
                break
            code, kind, _spelling = self.exact[spelling]
            if kind != "code" and code not in codes:
                codes.append(code)
        match = self.resolve(query)
        if match and match.code not in codes:
            codes.insert(0, match.code)
        with translation.override("en"):
            named = [(code, str(countries.name(code))) for code in codes]
        named.sort(key=lambda item: (not normalize(item[1]).startswith(key), item[1]))
        return named[:limit]


@cache
def country_lookup():
    """The process-wide lookup, built on first use."""
    return CountryLookup()


def resolve_country(query):
    """The country a visitor's query names, or None."""
    return country_lookup().resolve(query)
