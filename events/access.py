from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def national_admin_required(view):
    """Anonymous visitors are sent to log in; signed-in users who are not national
    admins (staff) get 403: the page exists, but it is not theirs to see."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
