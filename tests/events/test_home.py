from django.urls import reverse


def test_home_page_tells_visitor_what_nno_is_and_leads_to_sign_up(client, db):
    response = client.get(reverse("home"))

    assert response.status_code == 200
    assert "Bring your block together on National Night Out" in response.text
    assert f'href="{reverse("accounts:sign_up")}"' in response.text
    assert f'href="{reverse("accounts:login")}"' in response.text


def test_home_page_leads_organizer_to_register(client_of, organizer):
    response = client_of(organizer).get(reverse("home"))

    assert response.status_code == 200
    assert f'href="{reverse("events:register")}"' in response.text
    assert f'href="{reverse("events:my_events")}"' in response.text
    assert "Sign up to register an event" not in response.text
