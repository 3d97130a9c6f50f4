#!/usr/bin/env python3
"""Upload benchmarks of the Airgap server (issue 5), on the built products over loopback.

  python3 benchmarks/server/bench_upload.py first   [--size-mib 1024] [--rounds 3]
      First upload of a backup of one new SIZE file with `airgap upload`, against `curl -T` of a file of
      the same size (other random bytes, so the server has to store it too) to the same server, in turns.
      Then the unchanged backup is run and uploaded again: the bytes it sends.
  python3 benchmarks/server/bench_upload.py transfer [--size-mib 1024] [--rounds 5] [--scheme https] [--work DIR]
      Both directions, each round: `airgap upload` of a run with a new SIZE file against `curl -T` of other new
      bytes of the same size, then `airgap sync` of a new laptop pulling that backup (SIZE bytes of blob)
      against `curl` GET of the same blob (and that file's fsync, timed apart: the laptop's store syncs what
      it fetched); the two sides in turns (airgap first in odd rounds, curl first in even ones), the median of
      the per-round ratios curl's time / airgap's time, for the whole command and for its transfer alone
      (the `transfer` durations of the --json reports). --work /dev/shm keeps the disk out of the measure.
  Options of first and transfer: --scheme http|https (https: the server as `airgap-server init` makes it,
  the laptop pinned with `airgap login --trust SHA256:...` to the fingerprint `airgap-server fingerprint`
  prints, curl pinned to the same certificate's key with `-k --pinnedpubkey sha256//...`, or with
  `--curl-trust cacert` given the certificate as `--cacert`).
  python3 benchmarks/server/bench_upload.py concurrent [--clients 50] [--size-mib 20]
      CLIENTS laptops (workspaces), each with one backup of one new SIZE file, upload at the same time;
      then every version is downloaded and its file's SHA-256 compared with the device's.

Needs the products built (./dev build), python3 and curl. Prints one line per measurement and a summary.
"""
import argparse
import base64
import concurrent.futures
import hashlib
import io
import json
import os
import re
import resource
import shutil
import ssl
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "releng/tests"))
import airgap_products as products  # noqa: E402

PASSWORD = "bench-password"
MIB = 1024 * 1024


def duration_seconds(iso):
    """ISO-8601 durations as Java writes them: PT1.5S, PT2M3.1S, PT0S."""
    match = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


def random_file(path, size):
    path.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with open(path, "wb") as out:
        left = size
        while left:
            chunk = os.urandom(min(16 * MIB, left))
            digest.update(chunk)
            out.write(chunk)
            left -= len(chunk)
    return digest.hexdigest()


def definitions(devices, user):
    """One directory-driver component and job per device folder, each job creating versions automatically."""
    options = {"maxAttempts": 1, "pauseBetweenAttempts": "PT0S", "warnIfBackupOlderThan": None,
               "createVersionAutomatically": True, "includes": [], "excludes": [], "ignoreRules": []}
    return {
        "folders": [{"id": "bench", "name": "Benchmark", "parentId": None}],
        "components": [{"id": name, "name": name, "folderId": "bench", "deviceType": "directory",
                        "connection": {"path": str(path)}} for name, path in devices],
        "jobs": [{"id": f"{name}-files", "componentId": name, "name": f"{name} files", "parameters": {},
                  "options": options} for name, _ in devices],
        "assignments": [{"jobId": f"{name}-files", "user": user} for name, _ in devices],
    }


class BenchServer(products.Server):
    """The server product over plain HTTP or, as `airgap-server init` makes it, over HTTPS."""

    def __init__(self, home, data, scheme):
        super().__init__(home, data)
        self.url = f"{scheme}://127.0.0.1:{self.port}"

    def init(self):
        super().init()
        ini = self.data / "server.ini"
        plain = "true" if self.url.startswith("http:") else "false"
        ini.write_text(re.sub(r"(?m)^plainHttp\s*=.*$", f"plainHttp = {plain}", ini.read_text()))

    def healthy(self):
        # Only whether it answers: the trust in its certificate is Transport's to check.
        context = ssl._create_unverified_context() if self.url.startswith("https:") else None
        try:
            with urllib.request.urlopen(self.url + "/api/health", timeout=2, context=context) as answer:
                return answer.status == 200
        except OSError:
            return False


def start_server(work, devices, scheme="http"):
    client, server_home = products.unpack(work / "install")
    server = BenchServer(server_home, work / "server-data", scheme)
    server.init()
    server.add_user("bench", "technician", PASSWORD)
    server.add_user("admin", "admin", PASSWORD)
    import_file = work / "bench-import.json"
    import_file.write_text(json.dumps(definitions(devices, "bench")))
    server.import_definitions(import_file)
    server.start()
    return client, server


class Transport:
    """How the laptop and curl reach the server: the URL, the laptop's pin, curl's trust options.

    Over https both trust exactly the server's certificate: the laptop is pinned to the fingerprint that
    `airgap-server fingerprint` prints (after checking that it is the certificate the server presents),
    curl to that certificate's public key (`--pinnedpubkey`, with -k as curl has no CA for it) or, with
    curl_trust "cacert", to the certificate itself as its CA.
    """

    def __init__(self, server, work, scheme="http", curl_trust="pinned"):
        self.url = f"{scheme}://127.0.0.1:{server.port}"
        self.login_options = []
        self.curl_options = []
        self.fingerprint = None
        if scheme == "https":
            printed = server.command("fingerprint").stdout
            match = re.search(r"SHA256:[A-Za-z0-9+/]+", printed)
            assert match, f"airgap-server fingerprint printed no SHA256:... fingerprint:\n{printed}"
            self.fingerprint = match.group(0)
            pem = ssl.get_server_certificate(("127.0.0.1", server.port))
            presented = hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).digest()
            assert "SHA256:" + base64.b64encode(presented).decode().rstrip("=") == self.fingerprint, \
                "the server presents another certificate than the one airgap-server fingerprint names"
            certificate = work / "server-certificate.pem"
            certificate.write_text(pem)
            self.login_options = ["--trust", self.fingerprint]
            if curl_trust == "cacert":
                self.curl_options = ["--cacert", str(certificate)]
            else:
                key = self._public_key_sha256(certificate)
                self.curl_options = ["-k", "--pinnedpubkey", "sha256//" + key]

    @staticmethod
    def _public_key_sha256(certificate):
        """Base64 of the SHA-256 of the certificate's SubjectPublicKeyInfo, as curl's --pinnedpubkey wants."""
        spki = subprocess.run(["openssl", "x509", "-pubkey", "-noout", "-in", str(certificate)], check=True,
                              capture_output=True, text=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "der"], input=spki.encode(), check=True,
                             capture_output=True).stdout
        return base64.b64encode(hashlib.sha256(der).digest()).decode()

    def curl(self, *args):
        """curl with the transport's trust options; returns its -w output (the caller's format)."""
        return subprocess.run(["curl", "-sS", *self.curl_options, *map(str, args)], capture_output=True, text=True,
                              check=True).stdout

    def token(self, user):
        answer = self.curl("-X", "POST", "-H", "Content-Type: application/json", "--data-binary",
                           json.dumps({"user": user, "password": PASSWORD}), f"{self.url}/api/login")
        return json.loads(answer)["token"]

    def describe(self):
        """The negotiated protocol and cipher as curl reports them (stderr of -v), or 'plain HTTP'."""
        if not self.url.startswith("https"):
            return "plain HTTP"
        result = subprocess.run(["curl", "-sS", "-v", "-o", "/dev/null", *self.curl_options,
                                 f"{self.url}/api/health"], capture_output=True, text=True, check=True)
        found = re.search(r"SSL connection using (.*)", result.stderr)
        return f"curl: {found.group(1) if found else 'TLS (no cipher line in curl -v)'}; laptop pinned to " \
               f"{self.fingerprint}"


def laptop(client, transport, workspace):
    cli = products.Cli(client, workspace)
    cli("login", "--server", transport.url, "--user", "bench", *transport.login_options, stdin_text=PASSWORD + "\n")
    return cli


def timed(action):
    """Seconds of action(), after writing back what earlier steps left dirty, so that neither side pays for it."""
    os.sync()
    started = time.monotonic()
    result = action()
    return time.monotonic() - started, result


def process_cpu(pid):
    """CPU seconds (user + system) the process used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_timed(server, action):
    """timed(action) and the CPU seconds it cost: this script's child processes (airgap, curl) plus the server.

    On a machine shared with other work the wall time is partly the scheduler's; the CPU time is the work done.
    """
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = children.ru_utime + children.ru_stime + process_cpu(server.process.pid)
    seconds, result = timed(action)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, result, children.ru_utime + children.ru_stime + process_cpu(server.process.pid) - before


def in_turns(airgap_first, airgap, curl):
    """Runs both sides, airgap first or second; returns (airgap's result, curl's result)."""
    if airgap_first:
        first = airgap()
        return first, curl()
    second = curl()
    return airgap(), second


def upload_round(cli, server, transport, work, device, size, airgap_first):
    """One airgap upload of a new SIZE backup and one curl -T of other new SIZE bytes; returns a result dict."""
    def airgap():
        sha = random_file(device / "IMAGE.bin", size)
        cli("run", "big-files")
        seconds, document, cpu = cpu_timed(server, lambda: cli.json("upload"))
        upload = document["push"]["runs"][0]
        assert upload["bytesSent"] == size, f"airgap sent {upload['bytesSent']} bytes, not {size}"
        return {"sha256": sha, "seconds": seconds, "transfer": duration_seconds(upload["transfer"]),
                "commit": duration_seconds(upload["commit"]), "cpu": cpu}

    def curl():
        other = work / "curl.bin"
        sha = random_file(other, size)
        token = transport.token("bench")
        seconds, answer, cpu = cpu_timed(server, lambda: transport.curl(
            "-o", "/dev/null", "-w", "%{http_code} %{size_upload}", "-T", other, "-H", f"Authorization: Bearer {token}",
            f"{transport.url}/api/blobs/{sha}?offset=0&size={size}"))
        other.unlink()
        assert answer == f"200 {size}", f"curl upload: {answer}"
        return {"sha256": sha, "seconds": seconds, "cpu": cpu}

    return in_turns(airgap_first, airgap, curl)


def sync_round(client, server, transport, work, sha, size, airgap_first):
    """A new laptop's airgap sync pulling the backup SHA (SIZE bytes) and curl GET of that blob."""
    def airgap():
        workspace = work / "puller"
        cli = laptop(client, transport, workspace)
        seconds, document, cpu = cpu_timed(server, lambda: cli.json("sync"))
        pull = document["pull"]
        assert pull["bytesFetched"] == size, f"airgap sync fetched {pull}"
        shutil.rmtree(workspace)
        return {"seconds": seconds, "transfer": duration_seconds(pull["transfer"]), "cpu": cpu}

    def curl():
        token = transport.token("bench")
        target = work / "curl-download.bin"
        seconds, answer, cpu = cpu_timed(server, lambda: transport.curl(
            "-o", target, "-w", "%{http_code} %{size_download}", "-H", f"Authorization: Bearer {token}",
            f"{transport.url}/api/blobs/{sha}"))
        assert answer == f"200 {size}", f"curl download: {answer}"
        # The laptop's store syncs what it fetched; curl does not: the file as durable, timed apart.
        started = time.monotonic()
        subprocess.run(["sync", str(target)], check=True)
        synced = time.monotonic() - started
        target.unlink()
        return {"seconds": seconds, "sync": synced, "cpu": cpu}

    return in_turns(airgap_first, airgap, curl)


def first_upload(options):
    size = options.size_mib * MIB
    work = Path(tempfile.mkdtemp(prefix="airgap-bench-upload-"))
    device = work / "device"
    client, server = start_server(work, [("big", device)], options.scheme)
    try:
        transport = Transport(server, work, options.scheme, options.curl_trust)
        print(f"{transport.url}: {transport.describe()}", flush=True)
        cli = laptop(client, transport, work / "workspace")
        cli("sync")
        ratios, transfer_ratios = [], []
        for round_number in range(1, options.rounds + 1):
            airgap, curl = upload_round(cli, server, transport, work, device, size, round_number % 2 == 1)
            curl = curl["seconds"]
            ratios.append(curl / airgap["seconds"])
            transfer_ratios.append(curl / airgap["transfer"])
            print(f"round {round_number}: {size / MIB:.0f} MiB  airgap upload {airgap['seconds']:.2f} s "
                  f"(blob transfer {airgap['transfer']:.2f} s, commit {airgap['commit'] * 1000:.0f} ms)  "
                  f"curl -T {curl:.2f} s  throughput airgap/curl {ratios[-1]:.2f} "
                  f"(transfer only {transfer_ratios[-1]:.2f})", flush=True)

        cli("run", "big-files")
        again = cli.json("upload")["push"]["runs"][0]
        print(f"re-upload of the unchanged backup: {again['bytesSent']} bytes sent "
              f"({100 * again['bytesSent'] / size:.3f} % of {size} bytes), version created: "
              f"{again['result']['versionCreated']}")
        print(f"median throughput airgap/curl: {statistics.median(ratios):.2f} whole command, "
              f"{statistics.median(transfer_ratios):.2f} blob transfer only (goal >= 0.7)")
    finally:
        server.stop()
        if not options.keep:
            subprocess.run(["rm", "-rf", str(work)])


def transfers(options):
    """Upload and sync of SIZE over the scheme, against curl, in turns; per-round ratios and their medians."""
    size = options.size_mib * MIB
    work = Path(tempfile.mkdtemp(prefix="airgap-bench-transfer-", dir=options.work))
    device = work / "device"
    client, server = start_server(work, [("big", device)], options.scheme)
    try:
        transport = Transport(server, work, options.scheme, options.curl_trust)
        print(f"{transport.url}: {transport.describe()}; work folder {work}; {os.cpu_count()} cores, load "
              f"average {os.getloadavg()[0]:.1f} at the start", flush=True)
        cli = laptop(client, transport, work / "workspace")
        cli("sync")
        ratios = {"upload": [], "upload transfer": [], "sync": [], "sync transfer": [], "sync vs curl+fsync": [],
                  "sync transfer vs curl+fsync": [], "upload CPU": [], "sync CPU": []}
        backups = []
        for round_number in range(1, options.rounds + 1):
            airgap_first = round_number % 2 == 1
            up, curl_up = upload_round(cli, server, transport, work, device, size, airgap_first)
            down, curl_down = sync_round(client, server, transport, work, up["sha256"], size, airgap_first)
            ratios["upload"].append(curl_up["seconds"] / up["seconds"])
            ratios["upload transfer"].append(curl_up["seconds"] / up["transfer"])
            ratios["sync"].append(curl_down["seconds"] / down["seconds"])
            ratios["sync transfer"].append(curl_down["seconds"] / down["transfer"])
            durable = curl_down["seconds"] + curl_down["sync"]
            ratios["sync vs curl+fsync"].append(durable / down["seconds"])
            ratios["sync transfer vs curl+fsync"].append(durable / down["transfer"])
            ratios["upload CPU"].append(curl_up["cpu"] / up["cpu"])
            ratios["sync CPU"].append(curl_down["cpu"] / down["cpu"])
            print(f"round {round_number} ({'airgap' if airgap_first else 'curl'} first): "
                  f"upload: airgap {up['seconds']:.2f} s (transfer {up['transfer']:.2f} s, commit "
                  f"{up['commit'] * 1000:.0f} ms), curl -T {curl_up['seconds']:.2f} s, ratio "
                  f"{ratios['upload'][-1]:.2f} (transfer {ratios['upload transfer'][-1]:.2f}) | sync: airgap "
                  f"{down['seconds']:.2f} s (transfer {down['transfer']:.2f} s), curl GET {curl_down['seconds']:.2f} s "
                  f"(+ {curl_down['sync']:.2f} s fsync), ratio {ratios['sync'][-1]:.2f} (transfer "
                  f"{ratios['sync transfer'][-1]:.2f}; against curl + fsync {ratios['sync vs curl+fsync'][-1]:.2f}, "
                  f"transfer {ratios['sync transfer vs curl+fsync'][-1]:.2f}) | CPU s (client + server): upload "
                  f"airgap {up['cpu']:.2f} curl {curl_up['cpu']:.2f}, sync airgap {down['cpu']:.2f} curl "
                  f"{curl_down['cpu']:.2f}; load {os.getloadavg()[0]:.1f}", flush=True)
            # What a gc keeping the last two backups would remove, so that a run in a RAM folder stays small:
            # curl's blob (no snapshot names it) and the backup before the previous one, in both stores.
            backups.append(up["sha256"])
            for sha in [curl_up["sha256"]] + backups[:-2]:
                for blob in [*work.glob(f"server-data/**/{sha}"), *work.glob(f"workspace/**/{sha}")]:
                    blob.unlink()
            del backups[:-2]
        print(f"median throughput airgap/curl over {options.rounds} rounds (min-max): " + ", ".join(
            f"{name} {statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"
            for name, values in ratios.items()) + f" (goal >= 0.8); load {os.getloadavg()[0]:.1f} at the end")
    finally:
        server.stop()
        if not options.keep:
            subprocess.run(["rm", "-rf", str(work)])


def concurrent_uploads(options):
    size = options.size_mib * MIB
    work = Path(tempfile.mkdtemp(prefix="airgap-bench-concurrent-"))
    names = [f"dev{i:02d}" for i in range(options.clients)]
    devices = [(name, work / "devices" / name) for name in names]
    digests = {name: random_file(path / "PROGRAM.bin", size) for name, path in devices}
    client, server = start_server(work, devices)
    try:
        def prepare(name):
            # Each laptop has its own installation: one installation's OSGi configuration area is locked
            # by each process that starts from it, and 50 at once exceed Equinox's lock wait.
            home = work / "installs" / name
            shutil.copytree(client, home, symlinks=True)
            cli = laptop(home, Transport(server, work), work / "laptops" / name)
            cli("sync")
            cli("run", f"{name}-files")
            return cli

        with concurrent.futures.ThreadPoolExecutor(4) as pool:
            laptops = dict(zip(names, pool.map(prepare, names)))
        print(f"{len(laptops)} laptops each with one backup of {options.size_mib} MiB waiting for upload", flush=True)

        def upload(name):
            started = time.monotonic()
            document = laptops[name].json("upload")
            return time.monotonic() - started, document["push"]["runs"][0]

        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(len(names)) as pool:
            results = dict(zip(names, pool.map(upload, names)))
        wall = time.monotonic() - started
        commits = sorted(duration_seconds(run["commit"]) for _, run in results.values())
        commands = sorted(seconds for seconds, _ in results.values())

        token = server.login("admin", PASSWORD)
        verified = 0
        for name in names:
            status, versions = server.request("GET", f"/api/components/{name}/versions", token=token)
            assert status == 200 and [v["number"] for v in versions] == [1], (name, status, versions)
            status, archive = server.request("GET", f"/api/components/{name}/versions/1/archive", token=token)
            assert status == 200, (name, status)
            with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
                member = next(m for m in tar.getmembers() if m.name.endswith("PROGRAM.bin"))
                stored = hashlib.sha256(tar.extractfile(member).read()).hexdigest()
            assert stored == digests[name], f"{name}: version 1 holds other bytes"
            verified += 1

        def percentile(values, p):
            return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]

        print(f"{len(names)} concurrent uploads of {options.size_mib} MiB in {wall:.1f} s; "
              f"{verified} versions present, each file's SHA-256 equal to the device's")
        print(f"commit latency: p50 {percentile(commits, 50) * 1000:.0f} ms, p99 {percentile(commits, 99) * 1000:.0f} ms, "
              f"max {commits[-1] * 1000:.0f} ms (goal p99 < 2 s)")
        print(f"whole airgap upload command: p50 {percentile(commands, 50):.1f} s, p99 {percentile(commands, 99):.1f} s")
    finally:
        server.stop()
        if not options.keep:
            subprocess.run(["rm", "-rf", str(work)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("benchmark", choices=["first", "transfer", "concurrent"])
    parser.add_argument("--size-mib", type=int)
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--scheme", choices=["http", "https"], default="http")
    parser.add_argument("--curl-trust", choices=["pinned", "cacert"], default="pinned",
                        help="https: curl -k --pinnedpubkey of the server's key, or --cacert of its certificate")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--work", help="transfer: the folder to work in (default: the system's temporary folder; "
                        "/dev/shm takes the disk out of the measure)")
    options = parser.parse_args()
    if options.benchmark == "first":
        options.size_mib = options.size_mib or 1024
        options.rounds = options.rounds or 3
        first_upload(options)
    elif options.benchmark == "transfer":
        options.size_mib = options.size_mib or 1024
        options.rounds = options.rounds or 5
        transfers(options)
    else:
        options.size_mib = options.size_mib or 20
        concurrent_uploads(options)


if __name__ == "__main__":
    main()
