"""Run our nginx template (deploy/nginx/templates/) with Debian's nginx, as the proxy container would.

The official nginx image renders the template with envsubst, replacing only the
variables set in its environment; `render_template` does the same, so what runs here
is the file compose runs.
"""

import http.client
import os
import re
import shutil
import socket
import ssl
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.ops.conftest import BASE_DIR

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TEMPLATE = BASE_DIR / "deploy" / "nginx" / "templates" / "default.conf.template"
TEMPLATE_VARIABLE = re.compile(r"\$\{([A-Z][A-Z0-9_]*)\}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def template_variables() -> set[str]:
    return set(TEMPLATE_VARIABLE.findall(TEMPLATE.read_text()))


def render_template(values: dict[str, str]) -> str:
    """envsubst with a list of names: `${NAME}` for each given name, nginx's `$vars` untouched."""
    missing = template_variables() - set(values)
    assert not missing, f"the template needs {sorted(missing)}"
    return TEMPLATE_VARIABLE.sub(lambda match: values.get(match[1], match[0]), TEMPLATE.read_text())


def self_signed_certificate(directory: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (as an IP subject alternative name), valid for a day."""
    certificate, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"),
            *("-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(certificate)),
        ],
        check=True,
        capture_output=True,
    )
    return certificate, key


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Proxy:
    http_port: int
    https_port: int
    tls: ssl.SSLContext
    process: subprocess.Popen
    error_log: Path

    def request(self, method: str, path: str, *, tls: bool = True, headers=None, body=None) -> Answer:
        """One request, redirects not followed."""
        if tls:
            connection = http.client.HTTPSConnection("127.0.0.1", self.https_port, timeout=30, context=self.tls)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.http_port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_proxy(directory: Path, *, upstream: str, files_root: Path) -> Proxy:
    """nginx in the foreground on two free loopback ports, with our server blocks and a fresh certificate."""
    directory.mkdir(parents=True, exist_ok=True)
    certificate, key = self_signed_certificate(directory)
    http_port, https_port = free_port(), free_port()
    (directory / "acme").mkdir(exist_ok=True)
    site = render_template(
        {
            "NGINX_UPSTREAM": upstream,
            "NGINX_HTTP_PORT": f"127.0.0.1:{http_port}",
            "NGINX_HTTPS_PORT": f"127.0.0.1:{https_port}",
            "NGINX_SSL_CERTIFICATE": str(certificate),
            "NGINX_SSL_CERTIFICATE_KEY": str(key),
            "NGINX_FILES_ROOT": str(files_root),
            "NGINX_ACME_ROOT": str(directory / "acme"),
        }
    )
    (directory / "default.conf").write_text(site)
    # What the official image's /etc/nginx/nginx.conf provides around conf.d/*.conf, with
    # every path in our directory. As root, the workers run as root too, so they can read
    # pytest's private temporary folders.
    temp_paths = "\n".join(
        f"    {name}_temp_path {directory / name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (directory / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"""daemon off;
worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "error.log"} warn;
events {{ worker_connections 128; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temp_paths}
    include {directory / "default.conf"};
}}
"""
    )
    error_log = directory / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf"), "-e", str(error_log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    tls = ssl.create_default_context(cafile=str(certificate))
    proxy = Proxy(http_port=http_port, https_port=https_port, tls=tls, process=process, error_log=error_log)
    deadline = time.monotonic() + 15
    while True:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited:\n{error_log.read_text() if error_log.exists() else ''}")
        try:
            socket.create_connection(("127.0.0.1", https_port), timeout=1).close()
            return proxy
        except OSError:
            if time.monotonic() > deadline:
                proxy.stop()
                raise AssertionError("nginx did not listen within 15 s") from None
            time.sleep(0.05)
