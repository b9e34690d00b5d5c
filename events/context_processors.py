from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.functional import SimpleLazyObject

from .models import AgencyMembership, CommunityAdmin


def roles(request):
    """`is_liaison` and `is_municipal_admin` for the navigation: one query for both, made
    only when a template asks for either."""
    user = request.user

    def flags():
        if not user.is_authenticated:
            return {"liaison": False, "municipal_admin": False}
        return (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values(
                liaison=Exists(
                    AgencyMembership.objects.filter(
                        user=OuterRef("pk"), status=AgencyMembership.Status.APPROVED
                    )
                ),
                municipal_admin=Exists(
                    CommunityAdmin.objects.filter(
                        user=OuterRef("pk"), status=CommunityAdmin.Status.APPROVED
                    )
                ),
            )
            .get()
        )

    user_roles = SimpleLazyObject(flags)
    return {
        "is_liaison": SimpleLazyObject(lambda: user_roles["liaison"]),
        "is_municipal_admin": SimpleLazyObject(lambda: user_roles["municipal_admin"]),
    }
