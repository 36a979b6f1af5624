"""API authentication with personal tokens: `Authorization: Token <prefix>.<secret>`."""

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from jipp.tokens import api_token_check


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates a request by a personal ApiToken; `request.auth` is the token row.

    An unknown, revoked or expired token gives 401 (never a silent fall-back to anonymous).
    """

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Header Authorization harus berbentuk: Token <token>."))
        try:
            plaintext = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Token berisi karakter yang tidak sah.")) from exc
        token = api_token_check(plaintext)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Token tidak sah, sudah dicabut, atau kedaluwarsa."))
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
