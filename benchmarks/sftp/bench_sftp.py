#!/usr/bin/env python3
"""SFTP benchmark (issue 16, goal 1): `airgap run` of an SFTP job against OpenSSH's `sftp -r`, whole commands.

  python3 benchmarks/sftp/bench_sftp.py [--rounds 3] [--latency-ms 100 [--delay-with proxy]] [--subtree cell0]
                                        [--work DIR]

The tree (generated once with a fixed seed): 1,000 files, 990 of 1 KB to 1 MB (log-uniform) and ten of 10 MB,
240 MB (239,647,094 bytes) in 40 folders. It is served by OpenSSH's sshd, started by this script as a plain
process of the invoking user (not the system's service) on a free port of 127.0.0.1 with `Subsystem sftp internal-sftp`, an
Ed25519 host key only, and key login with an Ed25519 user key (both made with ssh-keygen in the work folder).

Each round, the two sides in turns (Airgap first in odd rounds, sftp first in even ones), each after an untimed
`sync` of the system:
  - Airgap: `bin/airgap run JOB` of the built client product, on a fresh copy of a workspace that is logged in
    to the built server product and synced (so the store is empty and every file is hashed, written and
    synced, as at a first backup); the job is an SFTP component with the same key, reading the whole tree.
  - OpenSSH: `sftp -r` of the same tree into a fresh folder with the same key, then `sync` (the copy as durable
    as Airgap's store); the time without `sync` is printed too.
Ratio = Airgap's time / (sftp + sync), per round; the summary gives the median and the range.

--latency-ms L adds L ms to the round trip: the script runs itself again in a new network namespace
(`unshare -n`, root only) whose loopback delays each packet by L/2 ms (`tc qdisc ... netem`; a round trip
crosses the loopback twice). Kernels without the netem qdisc (`Specified qdisc kind is unknown`) can use
--delay-with proxy instead: both clients then connect through a TCP relay in this script that holds every
piece of data L/2 ms in each direction (data, not packets: no loss or reordering, and the relay's own
speed is a ceiling for both sides alike). --subtree DIR reads only that folder of the tree (cell0: 200 files,
49 MB) with `sftp -r` and as the job's path, which keeps runs with latency short.

Needs: the products built (`./mvnw -B -o verify -DskipTests` or `./dev build`), python3, OpenSSH's server and
client (Debian: apt-get install openssh-server openssh-client), for --latency-ms root, `unshare` (util-linux),
`ip` and `tc` (iproute2) and the netem qdisc of the kernel.
"""
import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "releng/tests"))
sys.path.insert(0, str(ROOT / "benchmarks/server"))
import airgap_products as products  # noqa: E402
from bench_upload import PASSWORD, BenchServer, in_turns, timed  # noqa: E402

SEED = 20261207
JOB = "robot-files"
IN_NAMESPACE = "AIRGAP_SFTP_BENCH_NETNS"


def need(tool, package):
    if shutil.which(tool) is None:
        sys.exit(f"bench_sftp: {tool} is missing (Debian: apt-get install {package})")


def generate_tree(tree):
    """1,000 files with a fixed seed: ten of 10 MB, 990 of 1 KB to 1 MB, log-uniform; the same on every machine."""
    marker = tree.parent / "tree.complete"
    if marker.is_file():
        return
    shutil.rmtree(tree, ignore_errors=True)
    rnd = random.Random(SEED)
    sizes = [10 * 1000 * 1000] * 10 + [int(1000 * 1000 ** rnd.random()) for _ in range(990)]
    for i, size in enumerate(sizes):
        folder = tree / f"cell{i % 5}" / f"robot{i % 8}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"file{i:04d}.bin").write_bytes(rnd.randbytes(size))
    marker.touch()


def files_of(folder):
    """The files below folder and their total size."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return files, sum(p.stat().st_size for p in files)


def keys(folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("host_ed25519", "user_ed25519"):
        if not (folder / name).is_file():
            products.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "airgap-bench", "-f", folder / name])
    (folder / "authorized_keys").write_text((folder / "user_ed25519.pub").read_text())
    return folder / "user_ed25519"


class Sshd:
    """OpenSSH's sshd with internal-sftp on a free loopback port, in the foreground of a child process."""

    def __init__(self, work, key_folder):
        self.port = products.free_port()
        config = work / "sshd_config"
        config.write_text(f"""ListenAddress 127.0.0.1
Port {self.port}
HostKey {key_folder / 'host_ed25519'}
AuthorizedKeysFile {key_folder / 'authorized_keys'}
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
StrictModes no
PidFile none
Subsystem sftp internal-sftp
""")
        if os.geteuid() == 0:
            Path("/run/sshd").mkdir(exist_ok=True)  # root's sshd separates privileges into this empty folder
        self.log = open(work / "sshd.log", "w")
        self.process = subprocess.Popen([shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f", str(config)],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        products.wait_until(lambda: self._answers() or self.process.poll() is not None, 30, "sshd's start")
        if self.process.poll() is not None:
            raise RuntimeError(f"sshd stopped: see {work / 'sshd.log'}")

    def _answers(self):
        import socket
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                return connection.recv(4).startswith(b"SSH-")
        except OSError:
            return False

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(30)
        self.log.close()


class DelayRelay:
    """A TCP relay on a free loopback port to target_port that holds every piece of data delay seconds in each
    direction (the --delay-with proxy latency), keeping the order and not limiting the bandwidth."""

    def __init__(self, target_port, delay):
        self.port = products.free_port()
        self.target_port = target_port
        self.delay = delay
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        threading.Thread(target=self._serve, args=(started,), daemon=True).start()
        started.wait(10)

    def _serve(self, started):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(asyncio.start_server(self._connection, "127.0.0.1", self.port))
        started.set()
        self.loop.run_forever()

    async def _connection(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(self._pipe(client_reader, server_writer), self._pipe(server_reader, client_writer))

    async def _pipe(self, reader, writer):
        pieces = asyncio.Queue()

        async def send():
            while True:
                due, data = await pieces.get()
                await asyncio.sleep(max(0.0, due - self.loop.time()))
                if not data:
                    writer.close()
                    return
                writer.write(data)
                await writer.drain()

        sender = asyncio.ensure_future(send())
        try:
            while data := await reader.read(256 * 1024):
                pieces.put_nowait((self.loop.time() + self.delay, data))
        except OSError:
            pass
        pieces.put_nowait((self.loop.time() + self.delay, b""))
        try:
            await sender
        except OSError:
            pass


def definitions(user, port, key, source):
    """One SFTP component and job reading the source folder with the benchmark's key."""
    options = {"maxAttempts": 1, "pauseBetweenAttempts": "PT0S", "warnIfBackupOlderThan": None,
               "createVersionAutomatically": False, "includes": [], "excludes": [], "ignoreRules": []}
    return {
        "folders": [{"id": "bench", "name": "Benchmark", "parentId": None}],
        "components": [{"id": "robot", "name": "robot", "folderId": "bench", "deviceType": "sftp",
                        "connection": {"host": "127.0.0.1", "port": str(port), "user": user,
                                       "privateKey": str(key), "paths": str(source), "timeout": "PT30S"}}],
        "jobs": [{"id": JOB, "componentId": "robot", "name": "robot files", "parameters": {}, "options": options}],
        "assignments": [{"jobId": JOB, "user": "bench"}],
    }


def sftp_command(user, port, key, work, source, target):
    """OpenSSH's sftp -r of the source folder into target, with the benchmark's key."""
    return ["sftp", "-q", "-i", str(key), "-P", str(port), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
            "-o", f"UserKnownHostsFile={work / 'known_hosts'}", "-o", "StrictHostKeyChecking=accept-new",
            "-r", f"{user}@127.0.0.1:{source}", str(target)]


def folder_stats(folder):
    sizes = [p.stat().st_size for p in folder.rglob("*") if p.is_file()]
    return len(sizes), sum(sizes)


def benchmark(options):
    work = Path(options.work)
    work.mkdir(parents=True, exist_ok=True)
    tree = work / "tree"
    generate_tree(tree)
    source = tree / options.subtree if options.subtree else tree
    chosen, size = files_of(source)
    print(f"tree: {len(chosen)} files, {size} bytes in {source}; round-trip latency added: {options.latency_ms} ms"
          + (f" ({options.delay_with})" if options.latency_ms else ""))
    user = os.environ.get("USER") or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    key = keys(work / "keys")
    sshd = Sshd(work, work / "keys")
    port = sshd.port
    if options.latency_ms and options.delay_with == "proxy":
        port = DelayRelay(sshd.port, options.latency_ms / 2000).port
    install = work / "install"
    shutil.rmtree(install, ignore_errors=True)
    client, server_home = products.unpack(install)
    server = BenchServer(server_home, work / "server-data", "http")
    try:
        shutil.rmtree(server.data, ignore_errors=True)
        server.init()
        server.add_user("bench", "technician", PASSWORD)
        server.add_user("admin", "admin", PASSWORD)
        import_file = work / "bench-import.json"
        import_file.write_text(json.dumps(definitions(user, port, key, source)))
        server.import_definitions(import_file)
        server.start()
        template = work / "workspace-template"
        shutil.rmtree(template, ignore_errors=True)
        products.Cli(client, template)("login", "--server", server.url, "--user", "bench", stdin_text=PASSWORD + "\n")
        products.Cli(client, template)("sync")
        rows = []
        for number in range(1, options.rounds + 1):
            rows.append(one_round(number, client, template, work, user, port, key, source, len(chosen), size))
        summary(rows, options)
    finally:
        server.stop()
        sshd.stop()


def one_round(number, client, template, work, user, port, key, source, count, size):
    workspace = work / "workspace"
    target = work / "sftp-copy"
    shutil.rmtree(workspace, ignore_errors=True)
    shutil.copytree(template, workspace)
    cli = products.Cli(client, workspace)

    def airgap():
        seconds, result = timed(lambda: cli.json("run", JOB))
        run = result["runs"][0]
        assert run["outcome"] == "SUCCEEDED", f"the Airgap run did not succeed: {run}"
        stored = [m["text"] for m in run["messages"] if f" entries, {size} bytes, snapshot " in m["text"]]
        assert stored, f"the Airgap run did not store {size} bytes: {[m['text'] for m in run['messages']]}"
        return seconds

    def openssh():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir()
        command = sftp_command(user, port, key, work, source, target)
        os.sync()  # untimed, as timed() does for Airgap: neither side pays for the other's writeback
        started = time.monotonic()
        products.run(command)
        alone = time.monotonic() - started
        os.sync()
        with_sync = time.monotonic() - started
        copied = folder_stats(target)
        assert copied == (count, size), f"sftp copied {copied[0]} files, {copied[1]} bytes, not {count}, {size}"
        return alone, with_sync

    load = os.getloadavg()[0]
    a, (s, ss) = in_turns(number % 2 == 1, airgap, openssh)
    row = {"round": number, "airgap": a, "sftp": s, "sftp_sync": ss, "load": (load + os.getloadavg()[0]) / 2}
    print(f"round {number}: airgap run {a:.2f} s   sftp -r {s:.2f} s ({ss:.2f} s with sync)   "
          f"airgap/(sftp+sync) {a / ss:.2f}   airgap/sftp {a / s:.2f}   load average {row['load']:.1f}", flush=True)
    return row


def summary(rows, options):
    ratios = [r["airgap"] / r["sftp_sync"] for r in rows]
    bare = [r["airgap"] / r["sftp"] for r in rows]
    print(f"summary ({len(rows)} rounds, +{options.latency_ms} ms round trip): airgap/(sftp+sync) median "
          f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f}); airgap/sftp median "
          f"{statistics.median(bare):.2f}; airgap median {statistics.median(r['airgap'] for r in rows):.2f} s, sftp+sync "
          f"median {statistics.median(r['sftp_sync'] for r in rows):.2f} s; load average "
          f"{min(r['load'] for r in rows):.1f}-{max(r['load'] for r in rows):.1f} ({os.cpu_count()} cores)")


def enter_latency_namespace(latency_ms):
    """Runs this script again in a new network namespace whose loopback adds latency_ms to each round trip."""
    if os.geteuid() != 0:
        sys.exit("bench_sftp: --latency-ms needs root (a network namespace and tc on its loopback)")
    for tool, package in (("unshare", "util-linux"), ("ip", "iproute2"), ("tc", "iproute2")):
        need(tool, package)
    delay = f"{latency_ms / 2:g}ms"
    script = (f"ip link set lo up && {{ tc qdisc add dev lo root netem delay {delay} || {{ echo 'bench_sftp: no "
              f"netem qdisc in this kernel: use --delay-with proxy' >&2; exit 2; }}; }} && exec \"$@\"")
    os.execvpe("unshare", ["unshare", "-n", "sh", "-c", script, "sh", sys.executable, *sys.argv],
               dict(os.environ, **{IN_NAMESPACE: "1"}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--latency-ms", type=int, default=0, help="added round-trip latency (netem, root only)")
    parser.add_argument("--delay-with", choices=["netem", "proxy"], default="netem",
                        help="how --latency-ms is added: netem on a namespace's loopback, or a delaying TCP relay")
    parser.add_argument("--subtree", help="only this folder of the tree, e.g. cell0")
    parser.add_argument("--work", default="/tmp/sftp-bench-airgap", help="work folder (about 1 GB)")
    options = parser.parse_args()
    for tool, package in (("sshd", "openssh-server"), ("sftp", "openssh-client"), ("ssh-keygen", "openssh-client")):
        if tool == "sshd" and Path("/usr/sbin/sshd").is_file():
            continue
        need(tool, package)
    if options.latency_ms and options.delay_with == "netem" and not os.environ.get(IN_NAMESPACE):
        enter_latency_namespace(options.latency_ms)
    benchmark(options)


if __name__ == "__main__":
    main()
