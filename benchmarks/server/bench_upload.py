#!/usr/bin/env python3
"""Upload benchmarks of the Airgap server (issue 5), on the built products over loopback.

  python3 benchmarks/server/bench_upload.py first   [--size-mib 1024] [--rounds 3]
      First upload of a backup of one new SIZE file with `airgap upload`, against `curl -T` of a file of
      the same size (other random bytes, so the server has to store it too) to the same server, in turns.
      Then the unchanged backup is run and uploaded again: the bytes it sends.
  python3 benchmarks/server/bench_upload.py concurrent [--clients 50] [--size-mib 20]
      CLIENTS laptops (workspaces), each with one backup of one new SIZE file, upload at the same time;
      then every version is downloaded and its file's SHA-256 compared with the device's.

Needs the products built (./dev build), python3 and curl. Prints one line per measurement and a summary.
"""
import argparse
import concurrent.futures
import hashlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
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


def start_server(work, devices):
    client, server_home = products.unpack(work / "install")
    server = products.Server(server_home, work / "server-data")
    server.init()
    server.add_user("bench", "technician", PASSWORD)
    server.add_user("admin", "admin", PASSWORD)
    import_file = work / "bench-import.json"
    import_file.write_text(json.dumps(definitions(devices, "bench")))
    server.import_definitions(import_file)
    server.start()
    return client, server


def laptop(client, server, workspace):
    cli = products.Cli(client, workspace)
    cli("login", "--server", server.url, "--user", "bench", stdin_text=PASSWORD + "\n")
    cli("sync")
    return cli


def first_upload(options):
    size = options.size_mib * MIB
    work = Path(tempfile.mkdtemp(prefix="airgap-bench-upload-"))
    device = work / "device"
    client, server = start_server(work, [("big", device)])
    try:
        cli = laptop(client, server, work / "workspace")
        ratios, transfer_ratios = [], []
        for round_number in range(1, options.rounds + 1):
            random_file(device / "IMAGE.bin", size)
            cli("run", "big-files")
            started = time.monotonic()
            document = cli.json("upload")
            airgap = time.monotonic() - started
            upload = document["push"]["runs"][0]
            transfer = duration_seconds(upload["transfer"])

            other = work / "curl.bin"
            sha = random_file(other, size)
            token = server.login("bench", PASSWORD)
            started = time.monotonic()
            status = subprocess.run(
                ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "-T", str(other), "-H",
                 f"Authorization: Bearer {token}", f"{server.url}/api/blobs/{sha}?offset=0&size={size}"],
                capture_output=True, text=True, check=True).stdout
            curl = time.monotonic() - started
            assert status == "200", f"curl upload answered {status}"
            other.unlink()

            ratios.append(curl / airgap)
            transfer_ratios.append(curl / transfer)
            print(f"round {round_number}: {size / MIB:.0f} MiB  airgap upload {airgap:.2f} s "
                  f"(blob transfer {transfer:.2f} s, {upload['bytesSent'] / MIB:.0f} MiB sent, "
                  f"commit {duration_seconds(upload['commit']) * 1000:.0f} ms)  curl -T {curl:.2f} s  "
                  f"throughput airgap/curl {curl / airgap:.2f} (transfer only {curl / transfer:.2f})", flush=True)

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
            cli = laptop(home, server, work / "laptops" / name)
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
    parser.add_argument("benchmark", choices=["first", "concurrent"])
    parser.add_argument("--size-mib", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    options = parser.parse_args()
    if options.benchmark == "first":
        options.size_mib = options.size_mib or 1024
        first_upload(options)
    else:
        options.size_mib = options.size_mib or 20
        concurrent_uploads(options)


if __name__ == "__main__":
    main()
