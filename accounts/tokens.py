from django.contrib.auth.tokens import PasswordResetTokenGenerator


class EmailConfirmationTokenGenerator(PasswordResetTokenGenerator):
    """Signed, expiring (PASSWORD_RESET_TIMEOUT) tokens for sign-up confirmation links.

    The hash covers `is_active`, so a link stops working once it has been used,
    and `last_login`, so an old link cannot reopen an account that was used and
    then closed by an admin.
    """

    key_salt = "accounts.tokens.EmailConfirmationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        # As in Django's generator: without microseconds, which some databases drop.
        last_login = (
            "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        )
        return f"{user.pk}{user.email}{user.is_active}{last_login}{timestamp}"


email_confirmation_token = EmailConfirmationTokenGenerator()
