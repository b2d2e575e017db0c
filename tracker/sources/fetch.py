"""Fetch a web page as a :class:`~tracker.sources.document.Document`, refusing addresses inside the network.

A URL typed into the dashboard is fetched by the server the dashboard runs on, so a
careless fetch would let anyone who can open the app read that server's neighbours:
``http://127.0.0.1:8080/admin``, a router, or the cloud metadata service at
``169.254.169.254`` that hands out credentials. :func:`fetch_document` therefore:

- fetches ``http`` and ``https`` URLs only;
- resolves the host itself and refuses if **any** of its addresses is loopback,
  private, link-local, IPv6 site-local (fec0::/10), multicast, reserved, unspecified, carrier-grade NAT
  (100.64.0.0/10), a cloud metadata address, or an IPv4-mapped (or 6to4) IPv6 form
  of one of these (:func:`check_address`);
- connects to the address it checked, not to the name (so the name cannot be made to
  resolve elsewhere between the check and the connection), sending the name in the
  ``Host`` header and, for https, as the TLS server name (certificates are verified);
- follows at most :data:`MAX_REDIRECTS` redirects itself, checking every hop the same way;
- stops at ``timeout`` seconds in all (resolution, connection, TLS, every read, and
  finding the text in the HTML: see :func:`_parse_within`), at ``max_bytes`` of body (streamed; a longer body is not read on), and at a content
  type other than HTML or plain text, before reading the body;
- uses no proxy from the environment: the address checked is the address connected to.

Every problem is raised as :class:`UrlRefused` (the URL is not fetched at all) or
:class:`FetchFailed` (it was tried and did not give a page); both are
:class:`~tracker.sources.document.UnreadableDocument`, whose ``message`` is short and clear:
``"refused: 127.0.0.1 is a loopback address"``, ``"timed out after 10 s"``,
``"HTTP 404"``, ``"not an HTML page (application/pdf)"``, ``"too large (over 5 MB)"``.

The page's text and metadata are found by the same code as an ``.html`` file's
(:func:`tracker.sources.files.html_document`, trafilatura); the published date only where
the page's markup states it, or its URL has one (``/2021/11/03/``), else None, for the
caller to ask.

>>> check_address("169.254.169.254")
'169.254.169.254 is a cloud metadata address'
>>> check_address("::ffff:10.0.0.1")
'::ffff:10.0.0.1 is an IPv4-mapped private address'
>>> check_address("93.184.216.34") is None
True
"""
from __future__ import annotations

import dataclasses
import http.client
import ipaddress
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterable
from multiprocessing.connection import Connection
from urllib.parse import quote, urljoin, urlsplit

from tracker.sources.document import Document, UnreadableDocument, describe_error
from tracker.sources.files import html_document

#: Redirects followed before giving up.
MAX_REDIRECTS = 5

#: Addresses of cloud metadata services (AWS, GCP, Azure, ... share the IPv4 one).
METADATA_ADDRESSES = frozenset({
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
})

#: Shared address space for carrier-grade NAT (RFC 6598); not in ipaddress' private list.
CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")

#: "This network" (RFC 1122): Linux connects 0.x.y.z to the local host.
THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

USER_AGENT = "Mozilla/5.0 (compatible; figure-tracker/1.0)"
_READ_CHUNK = 64 * 1024


class UrlRefused(UnreadableDocument):
    """A URL that is not fetched: not http(s), malformed, or resolving to a refused address.

    ``url`` is the URL as given, ``reason`` why it is refused
    (``"127.0.0.1 is a loopback address"``), ``message`` what to show
    (``"refused: 127.0.0.1 is a loopback address"``).
    """

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(url, f"refused: {reason}")


class FetchFailed(UnreadableDocument):
    """A URL that was fetched, or tried, without giving a page of text.

    ``url`` is the URL as given; ``reason`` and ``message`` are the same short text
    (``"timed out after 10 s"``, ``"HTTP 404"``, ``"too large (over 5 MB)"``).
    """

    def __init__(self, url: str, reason: str):
        self.url = url
        self.reason = reason
        super().__init__(url, reason)


def check_address(ip: str) -> str | None:
    """The reason to refuse connecting to a resolved address, or None for a public one.

    Parameters
    ----------
    ip : str
        An IPv4 or IPv6 address as text (an IPv6 zone such as ``%eth0`` is allowed).

    Returns
    -------
    str or None
        ``"<ip> is a loopback address"`` (or private, link-local, site-local, multicast,
        reserved, unspecified, carrier-grade NAT, cloud metadata, IPv4-mapped ...,
        non-public), or ``"'<ip>' is not an IP address"``; None when the address is public.

    Examples
    --------
    >>> check_address("127.0.0.1")
    '127.0.0.1 is a loopback address'
    >>> check_address("100.64.0.1")
    '100.64.0.1 is a carrier-grade NAT address'
    >>> print(check_address("2606:4700:4700::1111"))
    None
    """
    try:
        address = ipaddress.ip_address(str(ip).strip())
    except ValueError:
        return f"{ip!r} is not an IP address"
    kind = _address_kind(address)
    if kind is None:
        return None
    article = "an" if kind[0] in "aeiouAEIOU" else "a"
    return f"{ip} is {article} {kind} address"


def _address_kind(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """What makes an address one not to connect to ("loopback", ...), or None."""
    if address.version == 6:
        address = ipaddress.IPv6Address(address.compressed.split("%")[0])  # drop the zone
        if address.ipv4_mapped is not None:  # ::ffff:a.b.c.d is a.b.c.d on a dual-stack socket
            inner = _address_kind(address.ipv4_mapped)
            return None if inner is None else f"IPv4-mapped {inner}"
        if address.sixtofour is not None:  # 2002:AABB:CCDD:: routes to AA.BB.CC.DD
            inner = _address_kind(address.sixtofour)
            if inner is not None:
                return f"6to4 {inner}"
    if address in METADATA_ADDRESSES:
        return "cloud metadata"
    if address.is_unspecified or (address.version == 4 and address in THIS_NETWORK):
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.version == 6 and address.is_site_local:  # fec0::/10, deprecated (RFC 3879)
        return "site-local"
    if address.is_multicast:
        return "multicast"
    if address.version == 4 and address in CARRIER_GRADE_NAT:
        return "carrier-grade NAT"
    if address.is_reserved:
        return "reserved"
    if address.is_private:
        return "private"
    if not address.is_global:  # documentation, benchmarking, ... ranges
        return "non-public"
    return None


def fetch_document(url: str, *, timeout: float = 10.0, max_bytes: int = 5_000_000,
                   allow: Iterable[str] = ()) -> Document:
    """Fetch a web page and return its main text and metadata as a document.

    Parameters
    ----------
    url : str
        An ``http://`` or ``https://`` URL.
    timeout : float
        Seconds for the whole fetch, redirects included.
    max_bytes : int
        The most body bytes read (after decompression); a longer page is refused.
    allow : iterable of str
        Host names or IP addresses let through despite :func:`check_address`
        (for tests against a local server; never from user input). A name allows
        all its addresses; an address allows only itself.

    Returns
    -------
    Document
        ``doc_id`` and ``url``: the URL finally fetched, after redirects (``url``
        the page's own canonical URL where it states one); ``text``: the main text;
        ``title``, ``published`` (ISO date where the page's markup states it or
        the URL's path has one, else None) and ``source`` (the site name, else the
        host) from the page.
        A ``text/plain`` page gives its whole text, the host as source.

    Raises
    ------
    UrlRefused
        Not an http(s) URL, malformed, or a host with a refused address, also after
        a redirect (nothing is sent to a refused address).
    FetchFailed
        Timed out, cannot resolve or connect, TLS error, an HTTP error status,
        too many redirects, too large, not HTML or text, or no main text found.
    """
    if timeout <= 0:
        raise ValueError(f"timeout must be positive, got {timeout!r}")
    if max_bytes <= 0:
        raise ValueError(f"max_bytes must be positive, got {max_bytes!r}")
    original = url if isinstance(url, str) else ""
    allowed = _allowed(allow)
    deadline = time.monotonic() + timeout
    current = url.strip() if isinstance(url, str) else url
    try:
        for hop in range(MAX_REDIRECTS + 1):
            target = _Target.parse(current, original, hop)
            response = _get(target, original, hop, deadline, allowed, max_bytes)
            if response.location is None:
                return _document(response, target, original, deadline)
            current = urljoin(target.url, response.location)
        raise FetchFailed(original, f"too many redirects (more than {MAX_REDIRECTS})")
    except TimeoutError:  # socket.timeout, and the deadline passing between reads
        raise FetchFailed(original, f"timed out after {timeout:g} s") from None


# --- URLs --------------------------------------------------------------------------------

class _Target:
    """One URL to request: scheme, host (ASCII), port and the request path."""

    def __init__(self, url: str, scheme: str, host: str, port: int, path: str):
        self.url, self.scheme, self.host, self.port, self.path = url, scheme, host, port, path

    @classmethod
    def parse(cls, url: object, original: str, hop: int) -> _Target:
        def refuse(reason: str) -> UrlRefused:
            if hop:
                reason = f"{reason} (redirected to {url})"
            return UrlRefused(original, reason)

        if not isinstance(url, str) or not url.strip():
            raise refuse("no URL given")
        if any(ord(char) < 32 or char == "\x7f" for char in url):
            raise refuse("control characters in the URL")
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            if not scheme or "://" not in url:
                raise refuse("not a web address (it must start with http:// or https://)")
            raise refuse(f"only http and https URLs are fetched, not {scheme}")
        try:
            port = parts.port
        except ValueError:
            raise refuse("invalid port in the URL") from None
        host = parts.hostname
        if not host:
            raise refuse("no host in the URL")
        if not host.isascii():
            try:
                host = host.encode("idna").decode("ascii")
            except UnicodeError:
                raise refuse(f"invalid host name {host!r}") from None
        path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
        if parts.query:
            path += "?" + quote(parts.query, safe="/?%:@!$&'()*+,;=-._~")
        default = 443 if scheme == "https" else 80
        return cls(url, scheme, host, port or default, path)


def _allowed(allow: Iterable[str]) -> frozenset[str]:
    """The allow-list as lower-case host names and normalised IP addresses."""
    if isinstance(allow, str):
        allow = [allow]
    return frozenset(_normal_host(entry) for entry in allow if str(entry).strip())


def _normal_host(host: str) -> str:
    host = str(host).strip().lower().removeprefix("[").removesuffix("]")
    try:
        return ipaddress.ip_address(host.split("%")[0]).compressed
    except ValueError:
        return host


# --- connecting --------------------------------------------------------------------------

def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left


class _DeadlineMixin:
    """A socket whose every send and receive may only wait until a shared deadline.

    A per-operation timeout alone lets a server that sends one byte at a time keep a
    fetch going for ever; this sets the timeout to what is left before each operation.
    """

    deadline: float | None = None

    def _arm(self) -> None:
        if self.deadline is not None:
            self.settimeout(_remaining(self.deadline))

    def recv(self, *args, **kwargs):
        self._arm()
        return super().recv(*args, **kwargs)

    def recv_into(self, *args, **kwargs):
        self._arm()
        return super().recv_into(*args, **kwargs)

    def sendall(self, *args, **kwargs):
        self._arm()
        return super().sendall(*args, **kwargs)


class _DeadlineSocket(_DeadlineMixin, socket.socket):
    pass


class _DeadlineSSLSocket(_DeadlineMixin, ssl.SSLSocket):
    pass


def _tls_context() -> ssl.SSLContext:
    """The TLS settings: the system's trusted certificates, host names verified."""
    return ssl.create_default_context()


def _resolve(host: str, port: int, deadline: float) -> list[tuple[int, tuple]]:
    """Every (family, socket address) of a host, resolved within the deadline."""
    result: dict[str, object] = {}

    def work() -> None:
        try:
            result["value"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            result["error"] = error

    # getaddrinfo has no timeout of its own: wait for it in a thread, at most until the
    # deadline (a resolver that hangs leaves only an idle daemon thread behind).
    worker = threading.Thread(target=work, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(_remaining(deadline))
    if worker.is_alive():
        raise TimeoutError(f"resolving {host}")
    if "error" in result:
        raise result["error"]
    addresses = []
    for family, _type, _proto, _name, sockaddr in result["value"]:
        if family in (socket.AF_INET, socket.AF_INET6) and (family, sockaddr) not in addresses:
            addresses.append((family, sockaddr))
    return addresses


def _connect(family: int, sockaddr: tuple, deadline: float) -> socket.socket:
    """A TCP connection to one resolved address (not to a name), within the deadline."""
    sock = _DeadlineSocket(family, socket.SOCK_STREAM)
    try:
        sock.deadline = deadline
        sock.settimeout(_remaining(deadline))
        sock.connect(sockaddr)
    except BaseException:
        sock.close()
        raise
    return sock


def _after(target: _Target, hop: int) -> str:
    """Words naming the hop that a message is about, after a redirect."""
    return f" (redirected to {target.url})" if hop else ""


def _open(target: _Target, original: str, hop: int, deadline: float,
          allowed: frozenset[str]) -> socket.socket:
    """Resolve, check every address, connect to a checked one and (https) start TLS."""
    after = _after(target, hop)
    try:
        addresses = _resolve(target.host, target.port, deadline)
    except socket.gaierror:
        raise FetchFailed(original, f"cannot resolve host {target.host}{after}") from None
    if not addresses:
        raise FetchFailed(original, f"cannot resolve host {target.host}{after}")
    if target.host.lower() not in allowed:
        for _family, sockaddr in addresses:
            ip = sockaddr[0]
            if _normal_host(ip) in allowed:
                continue
            reason = check_address(ip)
            if reason is not None:
                raise UrlRefused(original, reason + after)
    sock, error = None, None
    for family, sockaddr in addresses:  # the checked addresses, in the resolver's order
        try:
            sock = _connect(family, sockaddr, deadline)
            break
        except TimeoutError:
            raise
        except OSError as problem:
            error = problem
    if sock is None:
        raise FetchFailed(original, f"cannot connect to {target.host} port {target.port} "
                                    f"({describe_error(error) if error else 'no address'}){after}")
    if target.scheme != "https":
        return sock
    context = _tls_context()
    context.sslsocket_class = _DeadlineSSLSocket
    tls = None
    try:
        tls = context.wrap_socket(sock, server_hostname=target.host,
                                  do_handshake_on_connect=False)
        tls.deadline = deadline
        tls.settimeout(_remaining(deadline))
        tls.do_handshake()
    except BaseException as problem:
        (tls or sock).close()
        if isinstance(problem, ssl.SSLCertVerificationError):
            detail = problem.verify_message or describe_error(problem)
            raise FetchFailed(original, f"TLS certificate not accepted for {target.host} "
                                        f"({detail}){after}") from None
        if isinstance(problem, ssl.SSLError):
            raise FetchFailed(original, f"TLS error ({describe_error(problem)}){after}") from None
        if isinstance(problem, OSError) and not isinstance(problem, TimeoutError):
            raise FetchFailed(original, f"TLS handshake failed ({describe_error(problem)}){after}") \
                from None
        raise
    return tls


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP connection over a socket already opened to the checked address.

    ``host`` is used only for the ``Host`` header; nothing is resolved again.
    """

    def __init__(self, target: _Target, sock: socket.socket):
        super().__init__(target.host, target.port)
        self.default_port = 443 if target.scheme == "https" else 80
        self._pinned = sock

    def connect(self) -> None:
        self.sock = self._pinned


# --- one request -------------------------------------------------------------------------

class _Response:
    def __init__(self, url: str, location: str | None = None, content_type: str | None = None,
                 charset: str | None = None, body: bytes = b""):
        self.url, self.location = url, location
        self.content_type, self.charset, self.body = content_type, charset, body


def _get(target: _Target, original: str, hop: int, deadline: float,
         allowed: frozenset[str], max_bytes: int) -> _Response:
    """GET one URL: a redirect's location, or the body of a page of an accepted type."""
    hop_note = _after(target, hop)
    sock = _open(target, original, hop, deadline, allowed)
    connection = _PinnedConnection(target, sock)
    try:
        connection.putrequest("GET", target.path, skip_accept_encoding=True)
        connection.putheader("User-Agent", USER_AGENT)
        connection.putheader("Accept", "text/html,application/xhtml+xml,text/plain;q=0.9")
        connection.putheader("Accept-Encoding", "gzip, deflate")
        connection.putheader("Connection", "close")
        connection.endheaders()
        response = connection.getresponse()
        status = response.status
        if status in REDIRECT_STATUSES:
            location = response.getheader("Location")
            if not location or not location.strip():
                raise FetchFailed(original, f"HTTP {status} without a Location header{hop_note}")
            return _Response(target.url, location=location.strip())
        if not 200 <= status < 300:
            raise FetchFailed(original, f"HTTP {status}{hop_note}")
        raw_type = response.getheader("Content-Type")
        content_type = raw_type.split(";")[0].strip().lower() if raw_type else None
        if content_type is not None and content_type not in HTML_TYPES | TEXT_TYPES:
            raise FetchFailed(original, f"not an HTML page ({content_type})")
        too_large = FetchFailed(original, f"too large (over {_size(max_bytes)})")
        length = response.getheader("Content-Length")
        if length and length.strip().isdigit() and int(length) > max_bytes:
            raise too_large
        body = _read_body(response, response.getheader("Content-Encoding"), max_bytes,
                          too_large, original)
        return _Response(target.url, content_type=content_type,
                         charset=response.headers.get_content_charset(), body=body)
    except http.client.HTTPException as problem:
        raise FetchFailed(original, f"bad HTTP response ({describe_error(problem)}){hop_note}") from None
    except ssl.SSLError as problem:
        raise FetchFailed(original, f"TLS error ({describe_error(problem)}){hop_note}") from None
    except TimeoutError:
        raise
    except OSError as problem:
        raise FetchFailed(original, f"connection failed ({describe_error(problem)}){hop_note}") from None
    finally:
        connection.close()


def _read_body(response: http.client.HTTPResponse, encoding: str | None, max_bytes: int,
               too_large: FetchFailed, original: str) -> bytes:
    """The body, streamed and decompressed, refused as soon as it passes max_bytes."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()  # zlib-wrapped, as HTTP's "deflate" should be
    elif encoding == "identity":
        decoder = None
    else:
        raise FetchFailed(original, f"unsupported content encoding ({encoding})")
    chunks, size = [], 0
    while True:  # each turn reads at least a byte, and stops past max_bytes or the deadline
        chunk = response.read1(_READ_CHUNK)
        if not chunk:
            break
        if decoder is not None:
            try:
                chunk = decoder.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as problem:
                raise FetchFailed(original, f"corrupt {encoding} body ({problem})") from None
            if decoder.unconsumed_tail:
                raise too_large
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        chunks.append(chunk)
    if decoder is not None:
        rest = decoder.flush(max_bytes + 1 - size)
        if size + len(rest) > max_bytes:
            raise too_large
        chunks.append(rest)
    return b"".join(chunks)


# --- the document ------------------------------------------------------------------------

def _document(response: _Response, target: _Target, original: str, deadline: float) -> Document:
    body = response.body
    content_type = response.content_type
    if content_type is None and b"\0" in body[:1024]:
        raise FetchFailed(original, "not an HTML page (binary content, no content type)")
    if content_type in TEXT_TYPES:
        if b"\0" in body:
            raise FetchFailed(original, "not a text page (binary content)")
        text = _decode(body, response.charset) if response.charset else None
        if text is None:
            text = body.decode("utf-8-sig", errors="replace")
        if not text.strip():
            raise FetchFailed(original, "no text (only whitespace)")
        return Document(doc_id=response.url, text=text, source=target.host, url=response.url)
    html: bytes | str = body
    if response.charset:  # the header's charset wins over the page's own, as in browsers
        html = _decode(body, response.charset) or body
    document = _parse_within(deadline, original, html, doc_id=response.url, origin=original,
                             url=response.url)
    if document.source is None:
        document = dataclasses.replace(document, source=target.host)
    return document


# --- parsing within the deadline ---------------------------------------------------------
#
# trafilatura can take many seconds on a hostile or merely odd page (26 s on one with a
# 10 s timeout), and a Python thread cannot be stopped: a thread would let the caller give up
# but leave the parse burning a core. So the HTML is parsed in a worker process that is
# killed when the deadline passes. A worker is a fresh interpreter started with
# subprocess, not a fork (a fork of the dashboard's many-threaded server process could inherit
# a held lock and hang) and not multiprocessing's "spawn" either: spawn re-imports the caller's
# ``__main__`` in the child, and under Streamlit that is the dashboard script itself, which
# would run again in every worker and open the default store from a second process. The worker
# imports this module only and reads (function, args, kwargs) from a socket pair through
# multiprocessing's Connection. Workers are kept for the next fetch when they finish in time
# (the start-up, about half a second with trafilatura's import, is paid once), at most
# _MAX_IDLE_WORKERS of them.

_MAX_IDLE_WORKERS = 2
_idle_workers: list[_Worker] = []
_idle_lock = threading.Lock()


def _serve(connection) -> None:
    """A worker's loop: call each (function, args, kwargs) received, send back the outcome."""
    import tracker.sources.files  # noqa: F401 - trafilatura imported before the first page arrives

    while True:
        try:
            function, args, kwargs = connection.recv()
        except (EOFError, OSError):
            return
        try:
            outcome = ("ok", function(*args, **kwargs))
        except UnreadableDocument as problem:
            outcome = ("unreadable", problem.message)
        except BaseException as problem:  # a panic in a parser too: the worker reports it
            outcome = ("error", f"{type(problem).__name__}: {problem}"[:300])
        try:
            connection.send(outcome)
        except (OSError, ValueError):
            return


class _Worker:
    """One worker process that parses pages, reached through a socket pair."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _WORKER_MAIN, str(theirs.fileno())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, env=_worker_environment(),
                start_new_session=True)  # Ctrl-C in the terminal stops the app, which stops it
        except BaseException:
            ours.close()
            raise
        finally:
            theirs.close()
        self.connection = Connection(ours.detach())

    def alive(self) -> bool:
        return self.process.poll() is None

    def call(self, function, args: tuple, kwargs: dict, timeout: float):
        """The outcome ("ok" | "unreadable" | "error", value) or TimeoutError after ``timeout``."""
        self.connection.send((function, args, kwargs))
        if not self.connection.poll(timeout):
            raise TimeoutError("parsing the page")
        return self.connection.recv()

    def kill(self) -> None:
        self.process.kill()
        try:
            self.process.wait(1)
        except subprocess.TimeoutExpired:
            pass
        self.connection.close()


# The worker's whole program: this module's _serve on the inherited end of the socket pair.
_WORKER_MAIN = ("import sys\n"
                "from multiprocessing.connection import Connection\n"
                "from tracker.sources.fetch import _serve\n"
                "_serve(Connection(int(sys.argv[1])))\n")


def _worker_environment() -> dict[str, str]:
    """The caller's environment with its ``sys.path`` as PYTHONPATH (as spawn passes it on), so
    the worker imports the same ``tracker``, and the functions it is sent, by the same names."""
    path = [entry or os.getcwd() for entry in sys.path]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


def _parse_within(deadline: float, original: str, *args, **kwargs) -> Document:
    """:func:`tracker.sources.files.html_document` (``*args, **kwargs``) in a worker process, given
    up, and the worker killed, when ``deadline`` passes (raising TimeoutError)."""
    _remaining(deadline)  # TimeoutError if no time is left
    with _idle_lock:
        worker = _idle_workers.pop() if _idle_workers else None
    if worker is not None and not worker.alive():
        worker.kill()  # closes its pipe
        worker = None
    try:
        worker = worker or _Worker()
        kind, value = worker.call(html_document, args, kwargs, max(0.0, deadline - time.monotonic()))
    except TimeoutError:
        worker.kill()
        raise
    except (EOFError, OSError) as error:  # the worker died (killed, out of memory) or never started
        if worker is not None:
            worker.kill()
        raise FetchFailed(original, f"the page could not be read (its parser stopped: "
                                    f"{type(error).__name__})") from None
    except BaseException:  # Ctrl-C: this worker is not reused
        if worker is not None:
            worker.kill()
        raise
    with _idle_lock:
        if len(_idle_workers) < _MAX_IDLE_WORKERS:
            _idle_workers.append(worker)
            worker = None
    if worker is not None:
        worker.kill()
    if kind == "unreadable":
        raise FetchFailed(original, value)
    if kind == "error":
        raise FetchFailed(original, f"the page could not be read ({value})")
    return value


def _decode(body: bytes, charset: str) -> str | None:
    try:
        return body.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know: let trafilatura guess
        return None


def _size(count: int) -> str:
    """A byte count as people say it: 5 MB, 10 kB, 500 bytes."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.3g} MB"
    if count >= 1_000:
        return f"{count / 1_000:.3g} kB"
    return f"{count} bytes"
