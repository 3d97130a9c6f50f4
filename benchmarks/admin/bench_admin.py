#!/usr/bin/env python3
"""Times GET /api/admin/overview, GET /api/admin/compare and pages of GET /api/admin/runs on a running server over loopback.

Usage: bench_admin.py URL USER PASSWORD [--rounds N] [--warmup N] [--path PATH ...]
With --path (repeatable), only those GET paths are timed, for example the calls a view makes.
Each request is timed from sending it to having read the whole answer (Python's http.client, one kept-alive
connection); the median, minimum and maximum of the measured rounds are printed with the answer's size.
"""
import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("user")
    parser.add_argument("password")
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--path", action="append", help="time only this GET path (repeatable)")
    args = parser.parse_args()
    url = urllib.parse.urlparse(args.url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=120)

    def call(method, path, body=None, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        if response.status != 200:
            sys.exit(f"{method} {path}: HTTP {response.status}: {data[:500]!r}")
        return data

    token = json.loads(call("POST", "/api/login", json.dumps({"user": args.user, "password": args.password})))["token"]
    cases = [
        ("overview", "/api/admin/overview"),
        ("compare v1 v2 (10,000 files, 100 changed)", "/api/admin/compare?component=bench-compare&left=v1&right=v2"),
        ("run list, first page of 100", "/api/admin/runs?limit=100"),
        ("run list of one component, first page of 100", "/api/admin/runs?component=plc-05555&limit=100"),
        ("run list of failed runs, first page of 100", "/api/admin/runs?outcome=FAILED&limit=100"),
    ]
    if args.path:
        cases = [(path, path) for path in args.path]
    for name, path in cases:
        started = time.perf_counter()
        call("GET", path, token=token)
        print(f"{name}: first call after the start {(time.perf_counter() - started) * 1000:.1f} ms")
        for _ in range(args.warmup):
            call("GET", path, token=token)
        times = []
        size = 0
        for _ in range(args.rounds):
            started = time.perf_counter()
            size = len(call("GET", path, token=token))
            times.append((time.perf_counter() - started) * 1000)
        print(f"{name}: median {statistics.median(times):.1f} ms, min {min(times):.1f} ms, max {max(times):.1f} ms"
              f" ({args.rounds} rounds after {args.warmup} warm-up, answer {size / 1e6:.2f} MB)")
    overview = json.loads(call("GET", "/api/admin/overview", token=token))
    print("overview counts:", overview["counts"], "| folders", len(overview["folders"]), "| components",
          len(overview["components"]), "| never run", len(overview["neverRun"]), "| failed last run",
          len(overview["failedLastRun"]), "| stale backups", len(overview["staleBackups"]))


if __name__ == "__main__":
    main()
