"""Fetching a source over HTTP with a time limit, a size limit and no surprises. No Django."""

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

MAX_BYTES = 10 * 1024 * 1024
TIMEOUT_SECONDS = 20.0
USER_AGENT = "Navet (bevakning av utlysningar)"


class FetchError(Exception):
    """The source could not be fetched; the message (Swedish) goes into the run's report."""


def fetch(
    url: str,
    *,
    method: str = "GET",
    files: dict[str, tuple[None, str, str]] | None = None,
    max_bytes: int = MAX_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    allow_private: bool = False,
) -> bytes:
    if not url.startswith(("https://", "http://")):
        raise FetchError("Adressen ska börja med https:// eller http://.")
    # Checked for the address asked for and again for every redirect it leads to.
    hooks = (
        {} if allow_private else {"request": [lambda request: _refuse_internal(str(request.url))]}
    )
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=5,
                headers={"User-Agent": USER_AGENT},
                event_hooks=hooks,
            ) as client,
            client.stream(method, url, files=files) as response,
        ):
            if response.status_code >= 400:
                raise FetchError(f"Servern svarade med status {response.status_code}.")
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
        raise FetchError(f"Servern svarade inte inom {timeout:g} sekunder.") from error
    except httpx.HTTPError as error:
        raise FetchError(f"Hämtningen misslyckades: {error}") from error


def _refuse_internal_request(request: httpx.Request) -> None:
    _refuse_internal(str(request.url))


def _refuse_internal(url: str) -> None:
    """A source may not point into the municipality's own network (or at Navet itself)."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"Värdnamnet {host!r} hittades inte.") from error
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:  # private, loopback, link-local, shared (100.64/10), reserved
            raise FetchError(f"Adressen {host} pekar in i ett internt nät och hämtas inte.")


def _too_large(max_bytes: int) -> str:
    return f"Svaret är större än {max_bytes // (1024 * 1024)} MB och hämtades inte."
