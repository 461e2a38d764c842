"""Where an ERP webhook may point, and the guarded HTTP client that posts to it.

A tenant admin types the webhook URL, and the server then POSTs to it: without a guard that is a
way into the internal network (databases, admin consoles, the cloud metadata service at
169.254.169.254). So only ``http``/``https`` URLs are accepted and, unless
``settings.CARNET_ALLOW_PRIVATE_WEBHOOKS`` (on in development and tests, where the ERP is a
loopback test server; off in production), the host must resolve to public addresses only.

The check runs when the connector is saved and again on every delivery: the address actually
connected to is checked after the TCP connection is made and before anything is sent, so that a
DNS name that changes its answer after the form check (DNS rebinding) gains nothing. Redirects
are not followed (a 3xx is not an acknowledgment), and environment proxies are not used.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

ALLOWED_SCHEMES = ("http", "https")


class WebhookUrlRefused(ValueError):
    """The webhook URL is not one Carnet may post to."""


def private_webhooks_allowed() -> bool:
    return bool(getattr(settings, "CARNET_ALLOW_PRIVATE_WEBHOOKS", False))


def address_is_public(address: str) -> bool:
    """True for a globally routable unicast address (not private, loopback, link-local, …)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def webhook_url_check(url: str) -> None:
    """Raises WebhookUrlRefused with a reason a person can act on."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise WebhookUrlRefused(_("This is not a valid URL."))
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise WebhookUrlRefused(_("Use an http:// or https:// address."))
    host = parts.hostname
    if not host:
        raise WebhookUrlRefused(_("The URL has no host name."))
    if private_webhooks_allowed():
        return
    default_port = 443 if parts.scheme.lower() == "https" else 80
    try:
        found = socket.getaddrinfo(host, port or default_port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        raise WebhookUrlRefused(_("The host %(host)s cannot be resolved.") % {"host": host})
    for *_ignored, sockaddr in found:
        if not address_is_public(sockaddr[0]):
            raise WebhookUrlRefused(
                _(
                    "%(host)s points to an internal address (%(address)s): the webhook must be "
                    "an address of your ERP reachable from the internet."
                )
                % {"host": host, "address": sockaddr[0]}
            )


def _check_peer(sock: socket.socket) -> None:
    address = sock.getpeername()[0]
    if not address_is_public(address):
        sock.close()
        raise WebhookUrlRefused(
            _("The webhook host answered from an internal address (%(address)s): refused.")
            % {"address": address}
        )


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _check_peer(self.sock)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _check_peer(self.sock)


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTPConnection, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPSConnection, req, context=self._context)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # urllib then raises HTTPError with the 3xx: not an acknowledgment


def webhook_opener() -> urllib.request.OpenerDirector:
    """The urllib opener for webhook deliveries, guarded unless private addresses are allowed."""
    if private_webhooks_allowed():
        return urllib.request.build_opener(_NoRedirect)
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _NoRedirect, _GuardedHTTPHandler, _GuardedHTTPSHandler
    )
