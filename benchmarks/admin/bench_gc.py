#!/usr/bin/env python3
"""gc of the generated plant through `airgap admin` on a running server (docs/benchmarks.md, "Server gc on the
generated plant"); run by gc-plant.sh, which generates the plant, starts the server and logs the client in.

Usage: bench_gc.py CLIENT DATA_DIR DOWNLOADS_DIR [--sample N]
Sets a retention policy on every top-level folder (the last 3 versions and those younger than 30 days, run
snapshots for 7 days), downloads a sample of versions that the policy keeps, runs `airgap admin gc --dry-run`,
`airgap admin gc` and a second gc with nothing left to drop, then downloads the sample again and compares
SHA-256. The store is measured on disk before and after (files, bytes, allocated blocks). Exits 1 when a kept
version's archive changed or a dropped one can still be downloaded.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys
import time

PLANTS = 10
POLICY = ["--keep-versions", "3", "--keep-versions-for", "30d", "--keep-runs-for", "7d"]


def airgap(client, *args, check=True):
    """Runs the client; returns (seconds, exit code, stdout)."""
    started = time.perf_counter()
    done = subprocess.run([client, *args], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if check and done.returncode != 0:
        sys.exit(f"airgap {' '.join(args)}: exit {done.returncode}: {done.stderr.strip()}")
    return seconds, done.returncode, done.stdout


def measure(folder):
    """Files, bytes (their sizes) and bytes allocated on disk (blocks, what du counts) under folder."""
    files = size = allocated = 0
    for path, _, names in os.walk(folder):
        for name in names:
            status = os.lstat(os.path.join(path, name))
            files += 1
            size += status.st_size
            allocated += status.st_blocks * 512
    return files, size, allocated


def store_state(data):
    store = os.path.join(data, "store")
    return {part: measure(os.path.join(store, part)) for part in ("blobs", "manifests")} | {
        "store": measure(store), "db": measure(os.path.join(data, "db"))}


def print_state(when, state):
    print(f"{when}: " + ", ".join(f"{part} {files:,} files {size / 2**20:,.1f} MiB ({allocated / 2**20:,.1f} MiB on disk)"
                                  for part, (files, size, allocated) in state.items()))


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def sample(client, count):
    """count (component, kept version) pairs spread over the plant, and one version the policy drops."""
    chosen, dropped = [], None
    index = 150
    while len(chosen) < count:
        component = f"plc-{index:05d}"
        index += 487
        numbers = [v["number"] for v in json.loads(airgap(client, "admin", "versions", component, "--json")[2])["versions"]]
        if len(numbers) < 5:
            continue
        # The newest and the third newest: the policy keeps the last three whatever their age.
        chosen.append((component, numbers[0] if len(chosen) % 2 == 0 else numbers[2]))
        dropped = dropped or (component, numbers[-1])
    return chosen, dropped


def download(client, folder, component, number):
    target = os.path.join(folder, f"{component}-v{number}.tar.gz")
    airgap(client, "admin", "versions", "download", component, str(number), "-o", target)
    with open(target, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest(), os.path.getsize(target)


def gc(client, what, *flags):
    seconds, _, out = airgap(client, "admin", "gc", *flags, "--json")
    result = json.loads(out)
    print(f"{what}: {seconds:.1f} s wall ({result['millis'] / 1000:.1f} s on the server), load average {load()}:"
          f" {result['versionsDropped']:,} versions and {result['runSnapshotsDropped']:,} run snapshots dropped,"
          f" {result['manifestsRemoved']:,} manifests and {result['blobsRemoved']:,} blobs removed,"
          f" {result['bytesReclaimed']:,} bytes ({result['bytesReclaimed'] / 2**20:,.1f} MiB) reclaimed")
    return result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("client")
    parser.add_argument("data")
    parser.add_argument("downloads")
    parser.add_argument("--sample", type=int, default=20)
    args = parser.parse_args()
    client = args.client
    os.makedirs(args.downloads, exist_ok=True)

    for plant in range(PLANTS):
        airgap(client, "admin", "retention", "set", "--folder", f"plant-{plant}", *POLICY)
    print("policy on plant-0 … plant-9:", airgap(client, "admin", "retention", "show", "--component", "plc-05555")[2].strip())
    chosen, dropped = sample(client, args.sample)
    before = {}
    for component, number in chosen:
        before[(component, number)] = download(client, args.downloads, component, number)
    print(f"downloaded {len(chosen)} kept versions ({sum(size for _, size in before.values()):,} bytes),"
          f" e.g. {chosen[0][0]} v{chosen[0][1]}; the policy drops {dropped[0]} v{dropped[1]}")

    state_before = store_state(args.data)
    print_state("before gc", state_before)
    gc(client, "dry run", "--dry-run")
    result = gc(client, "gc")
    state_after = store_state(args.data)
    print_state("after gc", state_after)
    for part in ("blobs", "manifests", "store"):
        files = state_before[part][0] - state_after[part][0]
        size = state_before[part][1] - state_after[part][1]
        allocated = state_before[part][2] - state_after[part][2]
        print(f"reclaimed in {part}: {files:,} files, {size:,} bytes ({size / 2**20:,.1f} MiB),"
              f" {allocated / 2**20:,.1f} MiB on disk")
    if state_before["blobs"][1] - state_after["blobs"][1] != result["bytesReclaimed"]:
        print("note: gc's bytesReclaimed counts blob sizes; the blobs' sizes on disk fell by"
              f" {state_before['blobs'][1] - state_after['blobs'][1]:,} bytes")
    gc(client, "gc again (nothing to drop)")

    changed = [key for key in chosen if download(client, args.downloads, *key)[0] != before[key][0]]
    print(f"kept versions byte-identical after gc: {len(chosen) - len(changed)} of {len(chosen)}"
          + (f"; CHANGED: {changed}" if changed else ""))
    code = airgap(client, "admin", "versions", "download", *map(str, dropped), "-o",
                  os.path.join(args.downloads, "dropped.tar.gz"), check=False)[1]
    print(f"download of the dropped {dropped[0]} v{dropped[1]} after gc: exit {code}")
    if changed or code == 0:
        sys.exit(1)


if __name__ == "__main__":
    main()
