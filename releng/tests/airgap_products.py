"""The built Airgap products as their users run them: unpack, start, stop, and the command line.

Used by the end-to-end tests (releng/tests/e2e_test.py) and the demo (releng/demo/demo.py), so that
both drive exactly what a user installs: bin/airgap-server, bin/airgap, and the demo feature
installed with `airgap install`.
"""
import base64
import hashlib
import http.client
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTS = ROOT / "releng/org.airgap.repository/target/products"
REPOSITORY = ROOT / "releng/org.airgap.repository/target/repository"
CLIENT_ARCHIVE = PRODUCTS / "airgap-client-linux.gtk.x86_64.tar.gz"
SERVER_ARCHIVE = PRODUCTS / "airgap-server-linux.gtk.x86_64.tar.gz"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise TimeoutError(f"{what} did not happen within {seconds} s")


def unpack(destination):
    """Unpacks the client and server archives; returns (client home, server home)."""
    for archive in (CLIENT_ARCHIVE, SERVER_ARCHIVE):
        if not archive.is_file():
            raise FileNotFoundError(f"{archive} is missing: build first (./dev build)")
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    for archive in (CLIENT_ARCHIVE, SERVER_ARCHIVE):
        with tarfile.open(archive) as tar:
            tar.extractall(destination)  # our own archives, built by this checkout
    return destination / "airgap", destination / "airgap-server"


def run(command, stdin_text=None, env=None, timeout=300, check=True):
    result = subprocess.run([str(part) for part in command], input=stdin_text, capture_output=True, text=True,
                            env=env, timeout=timeout)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} exited with {result.returncode}:\n"
                           f"{result.stdout}\n{result.stderr}")
    return result


def install_demo_feature(client_home):
    run([client_home / "bin/airgap", "install", "org.airgap.demo.feature", "--repository", REPOSITORY.as_uri()])


class DemoDevices:
    """The demo plant (a Modbus PLC, an FTP robot, an OPC UA filler and an S7 press PLC), run from an installed client with the
    demo feature."""

    def __init__(self, client_home, folder, modbus_port=None, ftp_port=None, opcua_port=None, s7_port=None, technician="tech"):
        self.folder = Path(folder)
        self.modbus_port = modbus_port or free_port()
        self.ftp_port = ftp_port or free_port()
        self.opcua_port = opcua_port or free_port()
        self.s7_port = s7_port or free_port()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.log = open(self.folder / "devices.log", "w")
        self.process = subprocess.Popen(
            [str(client_home / "bin/airgap"), "-application", "org.airgap.demo.devices", "--dir", str(self.folder),
             "--modbus-port", str(self.modbus_port), "--ftp-port", str(self.ftp_port),
             "--opcua-port", str(self.opcua_port), "--s7-port", str(self.s7_port), "--technician", technician],
            stdout=self.log, stderr=subprocess.STDOUT, env=dict(os.environ, AIRGAP_VMARGS="-Djava.awt.headless=true"))
        wait_until(lambda: (self.folder / "devices.ready").is_file() or self.process.poll() is not None, 60,
                   "the demo devices' start")
        if self.process.poll() is not None:
            raise RuntimeError(f"the demo devices stopped: see {self.folder / 'devices.log'}")
        self.import_file = self.folder / "demo-import.json"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(30)
        self.log.close()


def certificate_fingerprint(der):
    """The fingerprint format of airgap-server fingerprint: SHA256: and the unpadded Base64 of the digest."""
    return "SHA256:" + base64.b64encode(hashlib.sha256(der).digest()).decode().rstrip("=")


class Server:
    """An installed server with its data directory, over HTTPS with the certificate `init` generated."""

    def __init__(self, home, data, port=None):
        self.home = Path(home)
        self.data = Path(data)
        self.port = port or free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.process = None
        self._fingerprint = None

    @property
    def fingerprint(self):
        """What the administrator hands to technicians: the last line airgap-server fingerprint prints."""
        if self._fingerprint is None:
            lines = self.command("fingerprint").stdout.split()
            self._fingerprint = lines[-1]
        return self._fingerprint

    def command(self, *args, stdin_text=None, check=True):
        return run([self.home / "bin/airgap-server", *args, "--data", self.data], stdin_text=stdin_text, check=check)

    def init(self, **ini):
        """airgap-server init (which generates the HTTPS certificate and prints its fingerprint), then the
        [Section] key = value overrides given as Section_key=value."""
        printed = re.search(r"SHA256:[A-Za-z0-9+/]+", self.command("init").stdout)
        if printed:
            self._fingerprint = printed.group(0)
        if ini:
            text = (self.data / "server.ini").read_text()
            for name, value in ini.items():
                section, key = name.split("_", 1)
                lines, current, done = [], None, False
                for line in text.splitlines():
                    stripped = line.strip()
                    if stripped.startswith("["):
                        current = stripped.strip("[]")
                    if current == section and stripped.split("=", 1)[0].strip() == key and not done:
                        line, done = f"{key} = {value}", True
                    lines.append(line)
                if not done:
                    raise KeyError(f"server.ini has no {key} in [{section}]")
                text = "\n".join(lines) + "\n"
            (self.data / "server.ini").write_text(text)

    def add_user(self, name, role, password):
        self.command("user", "add", name, "--role", role, stdin_text=password + "\n")

    def import_definitions(self, file):
        return self.command("import", file).stdout

    def add_users_and_import(self, admin, admin_password, users, file):
        """On the running server, as administrator: POST /api/admin/users for each (name, role, password),
        then POST /api/admin/import of the file — what airgap-server user add and import do, without a
        JVM start each."""
        token = self.login(admin, admin_password)
        for name, role, password in users:
            status, answer = self.request("POST", "/api/admin/users",
                                          {"name": name, "role": role.upper(), "password": password}, token=token)
            if status not in (200, 201):
                raise RuntimeError(f"adding {name} was refused: {status} {answer}")
        status, answer = self.request("POST", "/api/admin/import", raw=Path(file).read_bytes(), token=token,
                                      headers={"Content-Type": "application/json"})
        if status != 200:
            raise RuntimeError(f"the import was refused: {status} {answer}")
        return answer

    def start(self):
        self.log = open(self.data / "server.out", "a")
        self.process = subprocess.Popen([str(self.home / "bin/airgap-server"), "--data", str(self.data),
                                         "--port", str(self.port), "--host", "127.0.0.1"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        wait_until(lambda: self.healthy() or self.process.poll() is not None, 60, "the server's start")
        if self.process.poll() is not None:
            raise RuntimeError(f"the server stopped: see {self.data / 'server.out'}")

    def healthy(self):
        try:
            return self.request("GET", "/api/health", timeout=2)[0] == 200
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(60)
        self.process = None

    def kill(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(30)
        self.process = None

    def request(self, method, path, body=None, token=None, raw=None, headers=None, timeout=60):
        """An HTTPS request to the API, accepting exactly the pinned certificate as the laptop does;
        returns (status, parsed JSON or raw bytes)."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        names = {}
        if body is not None or raw is not None:
            names["Content-Type"] = "application/json"
        if token:
            names["Authorization"] = "Bearer " + token
        names.update(headers or {})
        # The certificate is self-signed: no authority to check, so the fingerprint is (as on the laptop).
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=context)
        try:
            connection.connect()
            presented = certificate_fingerprint(connection.sock.getpeercert(binary_form=True))
            if presented != self.fingerprint:
                raise ssl.SSLError(f"the server presents {presented}, not its certificate {self.fingerprint}")
            connection.request(method, path, body=data, headers=names)
            answer = connection.getresponse()
            status, content, kind = answer.status, answer.read(), answer.getheader("Content-Type", "")
        finally:
            connection.close()
        if "json" in kind and content:
            return status, json.loads(content)
        return status, content

    def login(self, user, password):
        status, answer = self.request("POST", "/api/login", {"user": user, "password": password})
        if status != 200:
            raise RuntimeError(f"login of {user} refused: {status} {answer}")
        return answer["token"]


class Cli:
    """bin/airgap on one workspace."""

    def __init__(self, client_home, workspace):
        self.home = Path(client_home)
        self.workspace = Path(workspace)

    def __call__(self, *args, stdin_text=None, check=True, timeout=600):
        env = dict(os.environ, AIRGAP_WORKSPACE=str(self.workspace))
        return run([self.home / "bin/airgap", *args], stdin_text=stdin_text, env=env, check=check, timeout=timeout)

    def json(self, *args, check=True):
        result = self(*args, "--json", check=check)
        try:
            return json.loads(result.stdout)
        except json.JSONDecodeError as error:
            raise AssertionError(f"airgap {' '.join(args)} --json printed no JSON ({error}):\n{result.stdout}\n"
                                 f"{result.stderr}")
