from django.utils.functional import SimpleLazyObject

from .models import AgencyMembership


def roles(request):
    """`is_liaison` for the navigation, queried only when a template asks for it."""
    user = request.user

    def is_liaison():
        return (
            user.is_authenticated
            and AgencyMembership.objects.filter(
                user=user, status=AgencyMembership.Status.APPROVED
            ).exists()
        )

    return {"is_liaison": SimpleLazyObject(is_liaison)}
