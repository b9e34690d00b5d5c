from django.urls import reverse


def test_home_page_leads_to_sign_up(client, db):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert reverse("accounts:sign_up") in response.text
