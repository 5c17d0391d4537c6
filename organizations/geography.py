"""Which of the directory's regions a country belongs to by default, and the countries of Europe.

The seed's regions are "Europe", "North America", "Asia & Asia Pacific", "South America" and
"Worldwide"; staff can add others (e.g. Africa), which then take their countries from the
associations already listed there (see `default_region`).
"""

# The sovereign states of Europe, as the directory reads the seed's "(EU)": the European
# countries, not only the 27 members of the European Union. Transcontinental states whose
# capital is in Asia (Turkey, Georgia, Armenia, Azerbaijan, Kazakhstan) are not included.
EUROPEAN_COUNTRIES = [
    *("AL", "AD", "AT", "BY", "BE", "BA", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR"),
    *("HU", "IS", "IE", "IT", "LV", "LI", "LT", "LU", "MT", "MD", "MC", "ME", "NL", "MK", "NO", "PL"),
    *("PT", "RO", "RU", "SM", "RS", "SK", "SI", "ES", "SE", "CH", "UA", "GB", "VA"),
]

NORTH_AMERICA = [
    *("US", "CA", "MX", "GL", "BM", "PM", "GT", "BZ", "SV", "HN", "NI", "CR", "PA"),
    *("CU", "JM", "HT", "DO", "PR", "BS", "BB", "TT", "AG", "DM", "GD", "KN", "LC", "VC"),
]

SOUTH_AMERICA = ["AR", "BO", "BR", "CL", "CO", "EC", "GY", "PY", "PE", "SR", "UY", "VE", "GF", "FK"]

ASIA_PACIFIC = [
    *("AF", "BD", "BT", "BN", "KH", "CN", "HK", "MO", "IN", "ID", "JP", "KZ", "KG", "LA", "MY", "MV"),
    *("MN", "MM", "NP", "KP", "KR", "PK", "PH", "SG", "LK", "TW", "TJ", "TH", "TL", "TM", "UZ", "VN"),
    *("AM", "AZ", "BH", "GE", "IR", "IQ", "IL", "JO", "KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR"),
    *("AE", "YE", "AU", "NZ", "FJ", "PG", "SB", "VU", "WS", "TO", "KI", "FM", "MH", "NR", "PW", "TV"),
]

# Region slug (as the seed's regions get it) -> its countries.
REGION_COUNTRIES = {
    "europe": EUROPEAN_COUNTRIES,
    "north-america": NORTH_AMERICA,
    "south-america": SOUTH_AMERICA,
    "asia-asia-pacific": ASIA_PACIFIC,
}
COUNTRY_REGION_SLUG = {code: slug for slug, codes in REGION_COUNTRIES.items() for code in codes}


def default_region(country_code):
    """The region an association in this country belongs to, or None when none fits.

    Where associations of that country are already listed, their most common region wins (it
    follows the staff's own grouping); otherwise the seed regions' table above.
    """
    from django.db.models import Count

    from .models import Association, Region

    if not country_code:
        return None
    used = (
        Association.objects.filter(country=country_code)
        .values("region")
        .annotate(total=Count("pk"))
        .order_by("-total", "region")
        .first()
    )
    if used:
        return Region.objects.filter(pk=used["region"]).first()
    slug = COUNTRY_REGION_SLUG.get(str(country_code))
    return Region.objects.filter(slug=slug).first() if slug else None
