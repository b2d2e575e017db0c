"""Fetching a URL (tracker.sources.fetch): the address guard, and fetches from a local server.

No request leaves the machine: every test resolves names through a table here (or
numeric addresses only, which need no DNS), and every connection is checked to go to
127.0.0.1, the local test server that the tests open to the guard with ``allow=``.
"""
from __future__ import annotations

import gzip
import http.server
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from tracker.sources import fetch
from tracker.sources.fetch import FetchFailed, UrlRefused, check_address, fetch_document
from tracker.sources.document import Document, UnreadableDocument

LOCAL = ["127.0.0.1"]
SENTENCE = "Russia has massed about 100,000 troops near the border with Ukraine."

ARTICLE = f"""<!doctype html><html><head>
<title>Troops gather at the border</title>
<meta property="og:title" content="Troops gather at the border">
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2022-02-14T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<article><h1>Troops gather at the border</h1>
<p>{SENTENCE} The build-up has alarmed neighbouring states for weeks.</p>
<p>A further 14 battalions have arrived, each numbering about 800 troops, according to
the defence ministry, which gave no other details on Monday.</p>
</article>
<footer>Subscribe to our newsletter. Copyright Example Daily.</footer>
</body></html>""".encode()

UNDATED = f"""<html><head><title>Aid</title></head><body><article>
<p>{SENTENCE} Officials repeated the estimate on several occasions this winter.</p>
</article></body></html>""".encode()

CYRILLIC = "Россия сосредоточила около 100 000 военнослужащих у границы с Украиной."
CP1251 = f"""<html><head><title>Войска</title></head><body><article>
<p>{CYRILLIC} Об этом сообщили в министерстве обороны в понедельник утром.</p>
</article></body></html>""".encode("cp1251")


# --- the guard on resolved addresses (no network) ----------------------------------------

REFUSED_ADDRESSES = [
    ("127.0.0.1", "127.0.0.1 is a loopback address"),
    ("127.45.6.7", "127.45.6.7 is a loopback address"),
    ("::1", "::1 is a loopback address"),
    ("10.1.2.3", "10.1.2.3 is a private address"),
    ("172.16.0.1", "172.16.0.1 is a private address"),
    ("172.31.255.254", "172.31.255.254 is a private address"),
    ("192.168.1.1", "192.168.1.1 is a private address"),
    ("fc00::1", "fc00::1 is a private address"),
    ("fd12:3456::1", "fd12:3456::1 is a private address"),
    ("169.254.169.254", "169.254.169.254 is a cloud metadata address"),
    ("fd00:ec2::254", "fd00:ec2::254 is a cloud metadata address"),
    ("169.254.1.1", "169.254.1.1 is a link-local address"),
    ("fe80::1", "fe80::1 is a link-local address"),
    ("fe80::1%eth0", "fe80::1%eth0 is a link-local address"),
    ("fec0::1", "fec0::1 is a site-local address"),  # deprecated site-local, fec0::/10 (RFC 3879)
    ("feff:ffff::1", "feff:ffff::1 is a site-local address"),  # the last of fec0::/10
    ("fec0::1%eth0", "fec0::1%eth0 is a site-local address"),
    ("::ffff:fec0:1", "::ffff:fec0:1 is an IPv4-mapped reserved address"),  # 254.192.0.1, not fec0::
    ("224.0.0.1", "224.0.0.1 is a multicast address"),
    ("239.255.255.250", "239.255.255.250 is a multicast address"),
    ("ff02::1", "ff02::1 is a multicast address"),
    ("240.0.0.1", "240.0.0.1 is a reserved address"),
    ("255.255.255.255", "255.255.255.255 is a reserved address"),
    ("0.0.0.0", "0.0.0.0 is an unspecified address"),
    ("0.1.2.3", "0.1.2.3 is an unspecified address"),
    ("::", ":: is an unspecified address"),
    ("100.64.0.1", "100.64.0.1 is a carrier-grade NAT address"),
    ("100.127.255.255", "100.127.255.255 is a carrier-grade NAT address"),
    ("::ffff:127.0.0.1", "::ffff:127.0.0.1 is an IPv4-mapped loopback address"),
    ("::ffff:169.254.169.254", "::ffff:169.254.169.254 is an IPv4-mapped cloud metadata address"),
    ("::ffff:10.0.0.1", "::ffff:10.0.0.1 is an IPv4-mapped private address"),
    ("::ffff:100.64.0.1", "::ffff:100.64.0.1 is an IPv4-mapped carrier-grade NAT address"),
    ("2002:7f00:1::", "2002:7f00:1:: is a 6to4 loopback address"),
    ("2002:a9fe:a9fe::1", "2002:a9fe:a9fe::1 is a 6to4 cloud metadata address"),
    ("::7f00:1", "::7f00:1 is a reserved address"),  # IPv4-compatible, deprecated
    ("192.0.2.1", "192.0.2.1 is a private address"),  # documentation
    ("198.18.0.1", "198.18.0.1 is a private address"),  # benchmarking
    ("2001:db8::1", "2001:db8::1 is a private address"),  # documentation
    ("localhost", "'localhost' is not an IP address"),
    ("", "'' is not an IP address"),
]

PUBLIC_ADDRESSES = [
    "8.8.8.8", "93.184.216.34", "1.1.1.1", "100.63.255.255", "100.128.0.1", "172.32.0.1",
    "169.253.255.255", "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
    "2002:808:808::1",  # 6to4 of a public address
]


@pytest.mark.parametrize("ip, reason", REFUSED_ADDRESSES)
def test_guard_refuses_addresses_inside_the_network(ip, reason):
    assert check_address(ip) == reason


@pytest.mark.parametrize("ip", PUBLIC_ADDRESSES)
def test_guard_lets_public_addresses_through(ip):
    assert check_address(ip) is None


def test_errors_are_unreadable_documents_with_clear_messages():
    refused = UrlRefused("http://127.0.0.1/", "127.0.0.1 is a loopback address")
    failed = FetchFailed("http://example.org/", "HTTP 404")
    assert isinstance(refused, UnreadableDocument) and isinstance(failed, UnreadableDocument)
    assert refused.message == "refused: 127.0.0.1 is a loopback address"
    assert refused.reason == "127.0.0.1 is a loopback address"
    assert refused.url == "http://127.0.0.1/"
    assert str(failed) == "http://example.org/: HTTP 404" and failed.message == "HTTP 404"


# --- no request leaves the machine -------------------------------------------------------

#: The only names tests resolve; anything else that is not a numeric address fails.
HOSTS = {
    "news.example.test": ["127.0.0.1"],
    "localhost": ["127.0.0.1", "::1"],
    "dual.example.test": ["127.0.0.1", "::1"],
    "mixed.example.test": ["93.184.216.34", "10.0.0.7"],
    "public.example.test": ["93.184.216.34"],
    "metadata.example.test": ["169.254.169.254"],
}


class Network:
    """What a test's fetches resolved and connected to."""

    def __init__(self):
        self.resolved: list[str] = []
        self.connected: list[str] = []


@pytest.fixture(autouse=True)
def network(monkeypatch):
    """Resolve from HOSTS or numeric addresses only; connect to 127.0.0.1 only."""
    seen = Network()
    real_resolve, real_connect = fetch._resolve, fetch._connect

    def resolve(host, port, deadline):
        seen.resolved.append(host)
        if host in HOSTS:
            return [(socket.AF_INET6 if ":" in ip else socket.AF_INET,
                     (ip, port, 0, 0) if ":" in ip else (ip, port)) for ip in HOSTS[host]]
        socket.getaddrinfo(host, port, flags=socket.AI_NUMERICHOST)  # gaierror unless numeric
        return real_resolve(host, port, deadline)

    def connect(family, sockaddr, deadline):
        seen.connected.append(sockaddr[0])
        assert sockaddr[0] == "127.0.0.1", f"a test tried to connect to {sockaddr}"
        return real_connect(family, sockaddr, deadline)

    monkeypatch.setattr(fetch, "_resolve", resolve)
    monkeypatch.setattr(fetch, "_connect", connect)
    return seen


# --- bad URLs: refused before anything is sent --------------------------------------------

BAD_URLS = [
    ("", "refused: no URL given"),
    ("   ", "refused: no URL given"),
    (None, "refused: no URL given"),
    ("ftp://example.org/file.txt", "refused: only http and https URLs are fetched, not ftp"),
    ("file:///etc/passwd", "refused: only http and https URLs are fetched, not file"),
    ("javascript:alert(1)", "refused: not a web address (it must start with http:// or https://)"),
    ("example.org/news", "refused: not a web address (it must start with http:// or https://)"),
    ("http://", "refused: no host in the URL"),
    ("http:///etc/passwd", "refused: no host in the URL"),
    ("http://example.org:99999/", "refused: invalid port in the URL"),
    ("http://exa\nmple.org/", "refused: control characters in the URL"),
    ("http://127.0.0.1/", "refused: 127.0.0.1 is a loopback address"),
    ("http://127.0.0.1:8501/admin", "refused: 127.0.0.1 is a loopback address"),
    ("http://localhost:8501/", "refused: 127.0.0.1 is a loopback address"),
    ("http://[::1]/", "refused: ::1 is a loopback address"),
    ("http://2130706433/", "refused: 127.0.0.1 is a loopback address"),
    ("http://0x7f.1/", "refused: 127.0.0.1 is a loopback address"),
    ("http://[::ffff:127.0.0.1]/", "refused: ::ffff:127.0.0.1 is an IPv4-mapped loopback address"),
    ("http://0.0.0.0:8501/", "refused: 0.0.0.0 is an unspecified address"),
    ("http://169.254.169.254/latest/meta-data/",
     "refused: 169.254.169.254 is a cloud metadata address"),
    ("https://169.254.169.254/", "refused: 169.254.169.254 is a cloud metadata address"),
    ("http://[fd00:ec2::254]/", "refused: fd00:ec2::254 is a cloud metadata address"),
    ("http://metadata.example.test/", "refused: 169.254.169.254 is a cloud metadata address"),
    ("http://example.org@169.254.169.254/", "refused: 169.254.169.254 is a cloud metadata address"),
    ("http://user:secret@10.0.0.1/", "refused: 10.0.0.1 is a private address"),
    ("http://192.168.0.1/", "refused: 192.168.0.1 is a private address"),
    ("http://100.64.0.1/", "refused: 100.64.0.1 is a carrier-grade NAT address"),
    ("http://[fe80::1]/", "refused: fe80::1 is a link-local address"),
    ("http://224.0.0.251/", "refused: 224.0.0.251 is a multicast address"),
    # one refused address among public ones is enough
    ("http://mixed.example.test/", "refused: 10.0.0.7 is a private address"),
]


@pytest.mark.parametrize("url, message", BAD_URLS)
def test_bad_urls_are_refused_without_connecting(network, url, message):
    with pytest.raises(UrlRefused) as caught:
        fetch_document(url)
    assert caught.value.message == message
    assert network.connected == []


def test_allowing_one_address_does_not_allow_the_others_of_a_name(network):
    with pytest.raises(UrlRefused, match=r"refused: ::1 is a loopback address"):
        fetch_document("http://dual.example.test:9/", allow=LOCAL)
    assert network.connected == []


def test_unresolvable_host_is_a_failure():
    with pytest.raises(FetchFailed) as caught:
        fetch_document("http://nowhere.example.test/")
    assert caught.value.message == "cannot resolve host nowhere.example.test"


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        fetch_document("http://news.example.test/", timeout=0)
    with pytest.raises(ValueError):
        fetch_document("http://news.example.test/", max_bytes=0)


# --- a local server ----------------------------------------------------------------------

class Server:
    """A threaded HTTP server on 127.0.0.1 with the test routes, and what it was asked."""

    def __init__(self, tls: ssl.SSLContext | None = None):
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        self.stop = threading.Event()
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(self))
        self.httpd.daemon_threads = True
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def url(self, path: str, scheme: str = "http", host: str = "127.0.0.1") -> str:
        return f"{scheme}://{host}:{self.port}{path}"

    def close(self) -> None:
        self.stop.set()  # wakes slow handlers
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


BOMB = gzip.compress(b"\0" * 5_000_000)


def make_handler(server: Server):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def send(self, status, body=b"", content_type="text/html; charset=utf-8",
                 headers=(), length=True):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in headers:
                self.send_header(name, value)
            if length:
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)

        def redirect(self, location, status=302):
            self.send(status, b"", headers=[("Location", location)])

        def stream(self, chunks, delay=0.0, head=None):
            """Write parts with a pause between them; stop when the client goes."""
            try:
                if head is not None:
                    self.wfile.write(head)
                    self.wfile.flush()
                for chunk in chunks:  # bounded by the caller
                    if server.stop.wait(delay) if delay else server.stop.is_set():
                        return
                    self.wfile.write(chunk)
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                pass

        def do_GET(self):
            server.requests.append((self.path, self.headers.get("Host")))
            path = self.path
            try:
                self.route(path)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def route(self, path):
            if path in ("/article", "/article?x=1&y=a%20b"):
                self.send(200, ARTICLE)
            elif path in ("/undated", "/2021/11/03/undated"):
                self.send(200, UNDATED)
            elif path == "/cp1251":
                self.send(200, CP1251, content_type="text/html; charset=windows-1251")
            elif path == "/xhtml":
                self.send(200, ARTICLE, content_type="application/xhtml+xml")
            elif path == "/untyped":
                self.send(200, ARTICLE, content_type=None)
            elif path == "/untyped-binary":
                self.send(200, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", content_type=None)
            elif path == "/text":
                self.send(200, SENTENCE.encode(), content_type="text/plain; charset=utf-8")
            elif path == "/menu":
                self.send(200, b"<html><body><nav></nav></body></html>")
            elif path == "/gzip":
                self.send(200, gzip.compress(ARTICLE), headers=[("Content-Encoding", "gzip")])
            elif path == "/gzip-bomb":
                self.send(200, BOMB, headers=[("Content-Encoding", "gzip")])
            elif path == "/brotli":
                self.send(200, b"\x1b\x00", headers=[("Content-Encoding", "br")])
            elif path == "/pdf":
                self.send(200, b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")
            elif path == "/png":
                self.send(200, b"\x89PNG\r\n\x1a\n", content_type="image/png")
            elif path == "/json":
                self.send(200, b"{}", content_type="application/json")
            elif path == "/missing":
                self.send(404, b"<html><body>Not found</body></html>")
            elif path == "/broken":
                self.send(500, b"oops", content_type="text/plain")
            elif path.startswith("/hop/"):  # /hop/N redirects N times, then the article
                left = int(path.rsplit("/", 1)[1])
                if left == 0:
                    self.redirect("/article")
                elif left % 2:  # relative and absolute locations by turns
                    self.redirect(f"/hop/{left - 1}", status=301)
                else:
                    self.redirect(server.url(f"/hop/{left - 1}"), status=307)
            elif path == "/loop":
                self.redirect("/loop")
            elif path == "/to-metadata":
                self.redirect("http://169.254.169.254/latest/meta-data/iam/")
            elif path == "/to-private":
                self.redirect("/hop-private")
            elif path == "/hop-private":
                self.redirect("http://10.0.0.1:8080/admin", status=303)
            elif path == "/to-ipv6-loopback":
                self.redirect(f"http://[::1]:{server.port}/article")
            elif path == "/to-file":
                self.redirect("file:///etc/passwd")
            elif path == "/no-location":
                self.send(302, b"")
            elif path == "/slow":  # answers after 3 s, or when the server stops
                server.stop.wait(3)
                self.send(200, ARTICLE)
            elif path == "/drip":  # headers at once, then a byte every 50 ms (5 s in all)
                self.stream([b"x"] * 100, delay=0.05,
                            head=b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
                                 b"Content-Length: 100\r\nConnection: close\r\n\r\n")
            elif path == "/drip-headers":  # the header lines themselves, a byte every 50 ms
                self.stream([bytes([b]) for b in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 100],
                            delay=0.05)
            elif path == "/huge":  # a declared length over the limit
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(50_000_000))
                self.end_headers()
                self.stream([b"<p>" + b"x" * 65_000] * 20)
            elif path == "/huge-undeclared":  # no length: only counting the bytes stops it
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Connection", "close")
                self.end_headers()
                self.stream([b"<p>" + b"x" * 65_000] * 20)
            elif path == "/huge-chunked":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                part = b"<p>" + b"x" * 9_997
                self.stream([b"%x\r\n%s\r\n" % (len(part), part)] * 20 + [b"0\r\n\r\n"])
            else:
                self.send(404, b"")

    return Handler


@pytest.fixture(scope="module")
def server():
    running = Server()
    yield running
    running.close()


@pytest.fixture(autouse=True)
def fresh_log(request):
    if "server" in request.fixturenames:
        request.getfixturevalue("server").requests.clear()


# --- fetching pages ----------------------------------------------------------------------

def test_article_text_and_metadata(server, network):
    document = fetch_document(server.url("/article"), allow=LOCAL)
    assert isinstance(document, Document)
    assert SENTENCE in document.text and "14 battalions" in document.text
    assert "Subscribe" not in document.text and "Sport" not in document.text
    assert document.title == "Troops gather at the border"
    assert document.source == "Example Daily"
    assert document.published == "2022-02-14"
    assert document.url == document.doc_id == server.url("/article")
    assert network.connected == ["127.0.0.1"]


def test_published_date_is_none_when_the_page_states_none(server):
    document = fetch_document(server.url("/undated"), allow=LOCAL)
    assert SENTENCE in document.text
    assert document.published is None
    assert document.source is not None  # the site name, else the host


def test_a_date_in_the_url_path_stands_for_a_missing_one(server):
    """trafilatura (htmldate) reads /2021/11/03/ of a news URL when the markup has no date."""
    document = fetch_document(server.url("/2021/11/03/undated"), allow=LOCAL)
    assert document.published == "2021-11-03"


def test_connects_to_the_checked_address_and_names_the_host(server, network):
    """The name is resolved once, by the guard; the socket goes to that address."""
    document = fetch_document(server.url("/article", host="news.example.test"), allow=LOCAL)
    assert SENTENCE in document.text
    assert network.resolved == ["news.example.test"]
    assert network.connected == ["127.0.0.1"]
    assert server.requests == [("/article", f"news.example.test:{server.port}")]


def test_a_name_on_the_allow_list_allows_its_addresses(server, network):
    document = fetch_document(server.url("/article", host="dual.example.test"),
                              allow=["dual.example.test"])
    assert SENTENCE in document.text
    assert network.connected == ["127.0.0.1"]


def test_without_the_allow_list_the_test_server_is_refused(server, network):
    with pytest.raises(UrlRefused, match="^.*: refused: 127.0.0.1 is a loopback address$"):
        fetch_document(server.url("/article"))
    assert network.connected == [] and server.requests == []


def test_query_is_sent_and_fragment_is_not(server):
    fetch_document(server.url("/article?x=1&y=a b#part"), allow=LOCAL)
    assert server.requests[0][0] == "/article?x=1&y=a%20b"


@pytest.mark.parametrize("path", ["/xhtml", "/gzip", "/untyped"])
def test_xhtml_compressed_and_untyped_pages(server, path):
    assert SENTENCE in fetch_document(server.url(path), allow=LOCAL).text


def test_charset_from_the_header(server):
    document = fetch_document(server.url("/cp1251"), allow=LOCAL)
    assert CYRILLIC in document.text
    assert document.title == "Войска"


def test_plain_text_page(server):
    document = fetch_document(server.url("/text"), allow=LOCAL)
    assert document == Document(doc_id=server.url("/text"), text=SENTENCE,
                                source="127.0.0.1", url=server.url("/text"))


def test_redirect_chain_is_followed(server, network):
    document = fetch_document(server.url("/hop/4"), allow=LOCAL)
    assert SENTENCE in document.text
    assert document.doc_id == server.url("/article")
    assert [path for path, _ in server.requests] == [
        "/hop/4", "/hop/3", "/hop/2", "/hop/1", "/hop/0", "/article"]
    assert network.connected == ["127.0.0.1"] * 6


def test_more_than_five_redirects_fail(server, network):
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url("/hop/5"), allow=LOCAL)  # 6 redirects before the page
    assert caught.value.message == "too many redirects (more than 5)"
    assert len(server.requests) == 6
    with pytest.raises(FetchFailed, match=r"too many redirects \(more than 5\)$"):
        fetch_document(server.url("/loop"), allow=LOCAL)


def test_redirect_to_metadata_address_is_refused_without_connecting(server, network):
    url = server.url("/to-metadata")
    with pytest.raises(UrlRefused) as caught:
        fetch_document(url, allow=LOCAL)
    assert caught.value.url == url
    assert caught.value.message == (
        "refused: 169.254.169.254 is a cloud metadata address "
        "(redirected to http://169.254.169.254/latest/meta-data/iam/)")
    assert network.connected == ["127.0.0.1"]  # the first hop only
    assert network.resolved[-1] == "169.254.169.254"


@pytest.mark.parametrize("path, message", [
    ("/to-private",
     "refused: 10.0.0.1 is a private address (redirected to http://10.0.0.1:8080/admin)"),
    ("/to-ipv6-loopback",
     "refused: ::1 is a loopback address (redirected to http://[::1]:{port}/article)"),
    ("/to-file",
     "refused: only http and https URLs are fetched, not file (redirected to file:///etc/passwd)"),
])
def test_redirects_to_refused_places(server, network, path, message):
    with pytest.raises(UrlRefused) as caught:
        fetch_document(server.url(path), allow=LOCAL)
    assert caught.value.message == message.format(port=server.port)
    assert set(network.connected) == {"127.0.0.1"}


@pytest.mark.parametrize("path, message", [
    ("/missing", "HTTP 404"),
    ("/broken", "HTTP 500"),
    ("/no-location", "HTTP 302 without a Location header"),
    ("/pdf", "not an HTML page (application/pdf)"),
    ("/png", "not an HTML page (image/png)"),
    ("/json", "not an HTML page (application/json)"),
    ("/untyped-binary", "not an HTML page (binary content, no content type)"),
    ("/menu", "no main text found in the HTML"),
    ("/brotli", "unsupported content encoding (br)"),
])
def test_failures_have_clear_messages(server, path, message):
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url(path), allow=LOCAL)
    assert caught.value.message == message
    assert caught.value.url == server.url(path)


@pytest.mark.parametrize("path", ["/huge", "/huge-undeclared", "/huge-chunked", "/gzip-bomb"])
def test_too_large_bodies_are_refused(server, path):
    started = time.monotonic()
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url(path), allow=LOCAL, max_bytes=50_000)
    assert caught.value.message == "too large (over 50 kB)"
    assert time.monotonic() - started < 5


def test_default_size_limit_is_named_in_megabytes(server):
    with pytest.raises(FetchFailed, match=r"too large \(over 5 MB\)$"):
        fetch_document(server.url("/huge"), allow=LOCAL)


@pytest.mark.parametrize("path", ["/slow", "/drip", "/drip-headers"])
def test_time_limit_covers_the_whole_fetch(server, path):
    """A server that answers late, or a byte at a time, is cut off at the time limit."""
    started = time.monotonic()
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url(path), allow=LOCAL, timeout=0.5)
    elapsed = time.monotonic() - started
    assert caught.value.message == "timed out after 0.5 s"
    assert 0.4 < elapsed < 1.5


def test_closed_port_is_a_failure():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()  # nothing listens there now
    with pytest.raises(FetchFailed) as caught:
        fetch_document(f"http://127.0.0.1:{port}/", allow=LOCAL)
    assert caught.value.message == f"cannot connect to 127.0.0.1 port {port} (connection refused)"


# --- https -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    """A self-signed certificate for news.example.test (made by the openssl command)."""
    folder = tmp_path_factory.mktemp("tls")
    key, cert = folder / "key.pem", folder / "cert.pem"
    try:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", str(key), "-out", str(cert), "-subj", "/CN=news.example.test",
             "-addext", "subjectAltName=DNS:news.example.test"],
            check=True, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"cannot make a test certificate with openssl ({error})")
    return key, cert


@pytest.fixture(scope="module")
def tls_server(certificate):
    key, cert = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    names: list[str | None] = []
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    running = Server(tls=context)
    running.sni = names
    yield running
    running.close()


@pytest.fixture
def trust(monkeypatch, certificate):
    _key, cert = certificate
    monkeypatch.setattr(fetch, "_tls_context",
                        lambda: ssl.create_default_context(cafile=str(Path(cert))))


def test_https_sends_the_host_name_and_verifies_it(tls_server, trust, network):
    tls_server.sni.clear()
    url = tls_server.url("/article", scheme="https", host="news.example.test")
    document = fetch_document(url, allow=LOCAL)
    assert SENTENCE in document.text
    assert tls_server.sni == ["news.example.test"]
    assert tls_server.requests[-1] == ("/article", f"news.example.test:{tls_server.port}")
    assert network.connected == ["127.0.0.1"]


def test_https_certificate_for_another_name_is_not_accepted(tls_server, trust):
    with pytest.raises(FetchFailed, match=r"TLS certificate not accepted for 127\.0\.0\.1 "):
        fetch_document(tls_server.url("/article", scheme="https"), allow=LOCAL)


def test_https_untrusted_certificate_is_not_accepted(tls_server):
    url = tls_server.url("/article", scheme="https", host="news.example.test")
    with pytest.raises(FetchFailed) as caught:
        fetch_document(url, allow=LOCAL)
    assert caught.value.message.startswith("TLS certificate not accepted for news.example.test (")


# --- the deadline covers parsing ---------------------------------------------------------
# The parsers below stand in for trafilatura. They are module-level functions, so the worker
# process (a fresh interpreter, with this process's sys.path) imports them by name.

def slow_parse(html, **kwargs):
    """A parser that never finishes in time: 60 s on any page."""
    time.sleep(60)


class ParserPanic(BaseException):
    """A panic from a parser's native code (as a Rust PanicException is a BaseException)."""


def panicking_parse(html, **kwargs):
    raise ParserPanic("thread '<unnamed>' panicked")


def parser_workers() -> set[int]:
    """The process ids of this process's live page-parser workers (from /proc)."""
    import os

    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and fetch._WORKER_MAIN.encode() in command:
            found.add(int(entry.name))
    return found


def test_time_limit_covers_parsing_the_page(server, monkeypatch):
    """A page that takes the parser longer than the time left fails at the deadline, and the
    process parsing it is stopped (not left running)."""
    fetch_document(server.url("/article"), allow=LOCAL)  # a worker is ready: start-up is not timed
    monkeypatch.setattr(fetch, "html_document", slow_parse)
    before = parser_workers()
    started = time.monotonic()
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url("/article"), allow=LOCAL, timeout=2)
    elapsed = time.monotonic() - started
    assert caught.value.message == "timed out after 2 s"
    assert 1.9 < elapsed < 3.5
    assert parser_workers() <= before, "the worker that was parsing is killed"
    monkeypatch.undo()
    document = fetch_document(server.url("/article"), allow=LOCAL)  # the next fetch works
    assert SENTENCE in document.text


def test_a_parser_panic_is_a_clear_failure(server, monkeypatch):
    monkeypatch.setattr(fetch, "html_document", panicking_parse)
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url("/article"), allow=LOCAL)
    assert caught.value.message == "the page could not be read (ParserPanic: thread '<unnamed>' panicked)"


def dying_parse(html, **kwargs):
    """A parser whose process dies under it (killed, out of memory)."""
    import os

    os._exit(9)


def test_a_parser_process_that_dies_is_a_clear_failure(server, monkeypatch):
    monkeypatch.setattr(fetch, "html_document", dying_parse)
    with pytest.raises(FetchFailed) as caught:
        fetch_document(server.url("/article"), allow=LOCAL)
    assert caught.value.message.startswith("the page could not be read (its parser stopped: ")
    monkeypatch.undo()
    assert SENTENCE in fetch_document(server.url("/article"), allow=LOCAL).text  # the next one works


def test_the_parser_worker_does_not_run_the_callers_main_script(server, tmp_path, monkeypatch):
    """Under Streamlit ``sys.modules["__main__"]`` is the dashboard script; a worker started by
    multiprocessing's spawn ran it again (opening the default store from a second process). The
    worker imports the fetch module only: a main script that would leave a mark leaves none."""
    import sys
    import types

    marker = tmp_path / "main script ran"
    script = tmp_path / "dashboard_like.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", main)
    with fetch._idle_lock:  # the page goes to a worker started now, with this __main__
        for worker in fetch._idle_workers:
            worker.kill()
        fetch._idle_workers.clear()
    document = fetch_document(server.url("/article"), allow=LOCAL)
    assert SENTENCE in document.text
    assert not marker.exists(), "the worker ran the caller's __main__ script"
    assert parser_workers(), "the page was parsed in a worker process"


def test_a_parser_worker_ends_when_the_app_lets_go_of_it():
    """The worker is its own session (Ctrl-C in the app's terminal does not print its traceback),
    and it ends by itself once the app's end of the pipe is closed (as when the app exits)."""
    import os

    worker = fetch._Worker()
    try:
        assert worker.alive()
        assert os.getsid(worker.process.pid) != os.getsid(0)
        worker.connection.close()
        assert worker.process.wait(10) == 0
    finally:
        if worker.alive():
            worker.process.kill()
