"""Fetching a source over HTTP with a time limit, a size limit and no surprises. No Django.

A source may not point into the installation's own network. The host name is resolved once per
connection, every address it gives is checked, and the connection goes to the address checked –
so a DNS answer that changes between the check and the connection (DNS rebinding) cannot lead
inside. The same holds for every redirect. A passing failure (no answer, a dropped connection,
a server error) is tried again after a pause that doubles each time.
"""

import ipaddress
import socket
import time
from collections.abc import Callable, Iterable

import httpcore
import httpx

from navet.core.text import Message
from navet.core.text import gettext_lazy as _

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
USER_AGENT = "Navet (bevakning av utlysningar)"
RETRY_STATUSES = {429, 500, 502, 503, 504}


class FetchError(Exception):
    """The source could not be fetched; the message goes into the run's report (`str(error)`
    reads it in the active language)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message)
        self.message = message


class _PassingError(FetchError):
    """A failure worth trying again: no answer, a dropped connection, an overloaded server."""


def fetch(
    url: str,
    *,
    method: str = "GET",
    files: dict[str, tuple[None, str, str]] | None = None,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    allow_private: bool = False,
    attempts: int = 1,
    backoff: float = 2.0,
    pause: Callable[[float], None] = time.sleep,
) -> bytes:
    """The body at `url`. Passing failures are tried `attempts` times in all, pausing `backoff`
    seconds after the first, twice that after the second, and so on."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(_("The address must begin with https:// or http://."))
    for attempt in range(1, attempts + 1):
        try:
            return _fetch_once(url, method, files, max_bytes, timeout, allow_private)
        except _PassingError as error:
            if attempt == attempts:
                if attempts == 1:
                    raise FetchError(error.message) from error
                raise FetchError(
                    _("{reason} ({attempts} attempts)", reason=error.message, attempts=attempts)
                ) from error
            pause(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _fetch_once(
    url: str,
    method: str,
    files: dict[str, tuple[None, str, str]] | None,
    max_bytes: int,
    timeout: float,
    allow_private: bool,
) -> bytes:
    try:
        with (
            httpx.Client(
                transport=_CheckedTransport(allow_private),
                timeout=timeout,
                follow_redirects=True,
                max_redirects=5,
                headers={"User-Agent": USER_AGENT},
                trust_env=False,  # a proxy from the environment would connect unchecked
            ) as client,
            client.stream(method, url, files=files) as response,
        ):
            if response.status_code in RETRY_STATUSES:
                raise _PassingError(_status(response.status_code))
            if response.status_code >= 400:
                raise FetchError(_status(response.status_code))
            declared = int(response.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise FetchError(_too_large(max_bytes))
            body = bytearray()
            for chunk in response.iter_bytes():
                body.extend(chunk)
                if len(body) > max_bytes:
                    raise FetchError(_too_large(max_bytes))
            return bytes(body)
    except httpx.TimeoutException as error:
        raise _PassingError(
            _("The server did not answer within {seconds} seconds.", seconds=f"{timeout:g}")
        ) from error
    except (httpx.NetworkError, httpx.RemoteProtocolError) as error:
        raise _PassingError(_("The fetch failed: {error}", error=error)) from error
    except httpx.HTTPError as error:
        raise FetchError(_("The fetch failed: {error}", error=error)) from error


class _CheckedNetwork(httpcore.SyncBackend):
    """Opens each connection to an address it has checked, never resolving the name again."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        address = checked_address(host, port, allow_private=self.allow_private)
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


class _CheckedTransport(httpx.HTTPTransport):
    def __init__(self, allow_private: bool) -> None:
        super().__init__()
        # httpx takes no network backend of its own; its pool is replaced by one that has ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            network_backend=_CheckedNetwork(allow_private),
        )


def checked_address(host: str, port: int, *, allow_private: bool = False) -> str:
    """The address to connect to for `host`: resolved once, and refused when any address the
    name gives is private, loopback, link-local, shared or reserved (unless allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(_("The host name {host} was not found.", host=repr(host))) from error
    addresses = [str(info[4][0]) for info in infos]
    if not allow_private:
        for address in addresses:
            if not ipaddress.ip_address(address.split("%")[0]).is_global:
                raise FetchError(
                    _(
                        "The address {host} points into an internal network and is not fetched.",
                        host=host,
                    )
                )
    return addresses[0]


def _too_large(max_bytes: int) -> Message:
    return _(
        "The answer is larger than {megabytes} MB and was not fetched.",
        megabytes=max_bytes // (1024 * 1024),
    )


def _status(status: int) -> Message:
    return _("The server answered with status {status}.", status=status)
