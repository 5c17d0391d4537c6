"""JSON-LD on each page type: valid JSON, the right schema.org types, the review dates, safely escaped."""

import json
import re

import pytest

from tests.factories import InformationPageFactory, StandardPageFactory

from .conftest import REVIEWED

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def structured_data(client, url):
    response = client.get(url)
    assert response.status_code == 200
    blocks = [json.loads(text) for text in JSON_LD.findall(response.text)]
    assert blocks, "no JSON-LD on the page"
    return {block["@type"]: block for block in blocks}


def test_health_page_is_a_medical_web_page_with_its_review_date_and_reviewer(client, health_pages):
    data = structured_data(client, health_pages["condition"].url)["MedicalWebPage"]
    assert data["@context"] == "https://schema.org"
    assert data["lastReviewed"] == REVIEWED.isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A. Example", "jobTitle": "oncologist"}
    assert data["name"] == "Neuroendocrine tumours"
    assert data["url"] == "http://localhost/neuroendocrine-tumours/"
    assert data["about"] == {"@type": "MedicalCondition", "name": "Neuroendocrine tumours"}


def test_information_page_is_a_medical_web_page_with_its_review_date(client, health_pages):
    data = structured_data(client, health_pages["cup"].url)["MedicalWebPage"]
    assert data["lastReviewed"] == REVIEWED.isoformat()


def test_unreviewed_health_page_says_nothing_about_a_review(client, health_pages):
    page = InformationPageFactory(parent=health_pages["index"], title="Not yet reviewed", slug="not-yet-reviewed")
    data = structured_data(client, page.url)["MedicalWebPage"]
    assert "reviewedBy" not in data
    assert "lastReviewed" not in data


def test_reviewed_health_page_names_its_reviewer_and_role(client, health_pages):
    data = structured_data(client, health_pages["cup"].url)["MedicalWebPage"]
    assert data["reviewedBy"] == {"@type": "Person", "name": "Dr A. Example", "jobTitle": "oncologist"}


def test_treatment_page_describes_the_therapy_and_its_drug(client, health_pages):
    data = structured_data(client, health_pages["prrt"].url)["MedicalWebPage"]
    assert data["lastReviewed"] == REVIEWED.isoformat()
    therapy = data["about"]
    assert therapy["@type"] == "MedicalTherapy"
    assert therapy["name"] == "Peptide Receptor Radionuclide Therapy (PRRT)"
    assert therapy["drug"] == [{"@type": "Drug", "name": "Lutathera", "activeIngredient": "177Lutetium 177Lu-DOTATATE"}]


def test_health_page_has_a_breadcrumb_list_from_the_home_page(client, health_pages):
    crumbs = structured_data(client, health_pages["prrt"].url)["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["name"], crumb["item"]) for crumb in crumbs] == [
        (1, "Neuroendocrine tumour patient portal", "http://localhost/"),
        (2, "Treatments", "http://localhost/treatments/"),
        (3, "PRRT", "http://localhost/treatments/prrt/"),
    ]


def test_association_detail_page_is_an_organization(client, directory):
    blocks = structured_data(client, "/patient-associations/netzwerk-net/")
    organization = blocks["Organization"]
    assert organization["name"] == "Netzwerk Neuroendokrine Tumoren"
    assert organization["url"] == "http://localhost/patient-associations/netzwerk-net/"
    assert organization["alternateName"] == ["NeT", "Carcinoid Selbsthilfe Deutschland"]
    assert organization["areaServed"] == {"@type": "Country", "name": "Germany"}
    assert "email" not in organization  # no contact details are invented
    crumbs = blocks["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs][-2:] == ["Patient associations", "Netzwerk Neuroendokrine Tumoren"]


def test_directory_country_page_has_breadcrumbs(client, directory):
    crumbs = structured_data(client, "/patient-associations/country/deu/")["BreadcrumbList"]["itemListElement"]
    assert crumbs[-1] == {
        "@type": "ListItem",
        "position": 3,
        "name": "Germany",
        "item": "http://localhost/patient-associations/country/deu/",
    }


def test_other_pages_are_a_web_page(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About this portal", slug="about")
    assert structured_data(client, about.url)["WebPage"]["name"] == "About this portal"


def test_home_page_is_a_web_page_without_breadcrumbs(client, home_page):
    blocks = structured_data(client, "/")
    assert "BreadcrumbList" not in blocks


def test_json_ld_cannot_close_its_script_element(client, health_pages):
    page = health_pages["condition"]
    page.reviewed_by = "</script><script>alert(1)</script> & <!-- friends"
    page.save_revision().publish()
    response = client.get(page.url)
    assert "</script><script>alert(1)" not in response.text
    assert "<!--" not in response.text
    data = structured_data(client, page.url)["MedicalWebPage"]
    assert data["reviewedBy"]["name"] == "</script><script>alert(1)</script> & <!-- friends"


def test_search_results_have_no_structured_data(client, health_pages):
    response = client.get("/search/", {"q": "PRRT"})
    assert not JSON_LD.findall(response.text)


def test_treatment_without_a_brand_name_names_the_drug_by_its_substance(client, health_pages):
    page = health_pages["prrt"]
    page.brand_names = ""
    page.save_revision().publish()
    therapy = structured_data(client, page.url)["MedicalWebPage"]["about"]
    assert therapy["drug"] == [
        {"@type": "Drug", "name": "177Lutetium 177Lu-DOTATATE", "activeIngredient": "177Lutetium 177Lu-DOTATATE"}
    ]
