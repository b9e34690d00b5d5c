from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in with the e-mail address, in any case.

    Unlike ModelBackend, an account that has not confirmed its address yet is
    authenticated, so that the login form can tell its owner why they may not log
    in (`AuthenticationForm.confirm_login_allowed` refuses inactive users).
    `get_user` keeps ModelBackend's check, so a deactivated account's session ends.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        try:
            user = user_model._default_manager.get_by_natural_key(username)
        except user_model.DoesNotExist:
            # Hash anyway, so that response times do not tell which addresses exist.
            user_model().set_password(password)
            return None
        return user if user.check_password(password) else None
