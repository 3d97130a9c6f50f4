#!/usr/bin/env python3
"""End-to-end tests of issue 5: the real server product over HTTP, the real client command line, the
demo plant's real Modbus, FTP and OPC UA devices. Run after the build (./dev test does):
    python3 releng/tests/e2e_test.py [-v] [TestClass[.test_method]]
Prints "PASS name" / "FAIL name: reason" lines (counted by ./dev test) and exits 1 on any failure.
"""
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import airgap_products as products  # noqa: E402

PASSWORD = "s3cret-for-tests"
ADMIN_PASSWORD = "admin-pass-for-tests"
work = None
client_home = None
server_home = None


def setUpModule():
    global work, client_home, server_home
    work = Path(tempfile.mkdtemp(prefix="airgap-e2e-"))
    client_home, server_home = products.unpack(work / "install")
    products.install_demo_feature(client_home)


def tearDownModule():
    if os.environ.get("AIRGAP_E2E_KEEP"):
        print(f"e2e: kept {work}", flush=True)
    else:
        shutil.rmtree(work, ignore_errors=True)


class Plant:
    """A server with the demo plant's definitions, technicians 'tech' and 'tech2', an admin, and a workspace."""

    def __init__(self, name, **ini):
        self.folder = work / name
        self.devices = products.DemoDevices(client_home, self.folder / "plant", technician="tech")
        self.server = products.Server(server_home, self.folder / "server-data")
        self.server.init(**ini)
        # The bootstrap administrator by command; the rest through the running server's API, as an
        # administrator would: one JVM start instead of four (the product tests cover the commands).
        self.server.add_user("admin", "admin", ADMIN_PASSWORD)
        self.server.start()
        self.server.add_users_and_import("admin", ADMIN_PASSWORD, [("tech", "technician", PASSWORD),
                                                                   ("tech2", "technician", PASSWORD)],
                                         self.devices.import_file)
        self.cli = products.Cli(client_home, self.folder / "workspace")

    def login(self, user="tech", password=PASSWORD, check=True):
        return self.cli("login", "--server", self.server.url, "--user", user, "--trust", self.server.fingerprint,
                        stdin_text=password + "\n", check=check)

    def versions(self, component):
        token = self.server.login("admin", ADMIN_PASSWORD)
        status, versions = self.server.request("GET", f"/api/components/{component}/versions", token=token)
        assert status == 200, (status, versions)
        return versions

    def close(self):
        self.server.stop()
        self.devices.stop()


def results(run_json):
    return run_json["serverVersionResult"], run_json["previousBackupResult"]


def pushed(document):
    """(runs committed, blob bytes sent, versions created) of a sync/upload --json document."""
    push = document["push"]
    assert push is not None, document
    runs = push["runs"]
    return (len(runs), sum(run["bytesSent"] for run in runs),
            sum(1 for run in runs if run["result"]["versionCreated"]))


class WorkflowTest(unittest.TestCase):
    """Sync → run (Modbus + FTP + OPC UA + S7) → upload → version 1; unchanged → Equal, nothing uploaded; changed → version 2."""

    JOBS = ["filler1-variables", "plc1-registers", "press1-memory", "robot1-programs"]
    COMPONENTS = ["filler1", "plc1", "press1", "robot1"]

    @classmethod
    def setUpClass(cls):
        cls.plant = Plant("workflow")

    @classmethod
    def tearDownClass(cls):
        cls.plant.close()

    def run_all(self):
        document = self.plant.cli.json("run", "--all")
        by_job = {run["jobId"]: run for run in document["runs"]}
        self.assertEqual(set(self.JOBS), set(by_job), document)
        for run in by_job.values():
            self.assertEqual("SUCCEEDED", run["outcome"], run)
        return by_job

    def test_sync_run_upload_creates_versions_only_for_changes(self):
        plant, cli = self.plant, self.plant.cli
        plant.login()
        cli("sync")
        jobs = cli.json("jobs")["jobs"]
        self.assertEqual(self.JOBS, sorted(job["id"] for job in jobs if job["synced"]))

        first = self.run_all()
        for run in first.values():
            self.assertEqual(("NOT_AVAILABLE", "NOT_AVAILABLE"), results(run), run)
        runs, sent, created = pushed(cli.json("upload"))
        self.assertEqual((4, 4), (runs, created))
        self.assertGreater(sent, 0)
        for component in self.COMPONENTS:
            self.assertEqual([1], [v["number"] for v in plant.versions(component)], component)

        cli("sync")  # brings version 1 as the on-site basis
        second = self.run_all()
        for run in second.values():
            self.assertEqual(("EQUAL", "EQUAL"), results(run), run)
        document = cli.json("upload")
        runs, sent, created = pushed(document)
        self.assertEqual((4, 0, 0), (runs, sent, created), document)
        for run in document["push"]["runs"]:
            self.assertEqual(("EQUAL", "EQUAL"), results(run["result"]), run)
        self.assertEqual([1], [v["number"] for v in plant.versions("plc1")])

        registers = plant.devices.folder / "plc1-registers.properties"
        registers.write_text(registers.read_text().replace("\n7 = 359\n", "\n7 = 360\n"))
        program = plant.devices.folder / "robot1/programs/WELD_SEAM.mod"
        program.write_text(program.read_text().replace("v12", "v14"))
        filler = plant.devices.folder / "filler1-variables.properties"
        filler.write_text(filler.read_text().replace("\nSpeed = 12.5\n", "\nSpeed = 13.5\n"))
        press = plant.devices.folder / "press1-memory.properties"
        memory = press.read_text()
        self.assertIn("\nDB2.16 = 00 00 00 11 ", memory)  # DB2:16 DINT shifts = 17
        press.write_text(memory.replace("\nDB2.16 = 00 00 00 11 ", "\nDB2.16 = 00 00 00 12 "))
        time.sleep(1.5)  # the simulated PLCs and filler re-read their files every 500 ms
        cli("sync")
        third = self.run_all()
        for run in third.values():
            self.assertEqual(("DIFFERENT", "DIFFERENT"), results(run), run)
        runs, sent, created = pushed(cli.json("upload"))
        self.assertEqual((4, 4), (runs, created))
        for component in self.COMPONENTS:
            self.assertEqual([1, 2], sorted(v["number"] for v in plant.versions(component)), component)
        self.assertEqual(0, cli.json("status")["pendingUploadCount"])


class ResumeAfterServerKillTest(unittest.TestCase):
    """A server killed during a large upload: the next sync resumes; identical content, one version."""

    SIZE = 400 * 1024 * 1024

    @classmethod
    def setUpClass(cls):
        cls.plant = Plant("resume")

    @classmethod
    def tearDownClass(cls):
        cls.plant.close()

    def test_upload_resumes_after_the_server_was_killed(self):
        plant, cli = self.plant, self.plant.cli
        big = plant.devices.folder / "robot1/backup/IMAGE.bin"
        big.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with open(big, "wb") as out:
            for _ in range(self.SIZE // (8 * 1024 * 1024)):
                chunk = os.urandom(8 * 1024 * 1024)
                digest.update(chunk)
                out.write(chunk)
        plant.login()
        cli("sync")
        self.assertEqual("SUCCEEDED", cli.json("run", "robot1-programs")["runs"][0]["outcome"])

        env = dict(os.environ, AIRGAP_WORKSPACE=str(cli.workspace))
        upload = subprocess.Popen([str(client_home / "bin/airgap"), "upload"], env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True)
        parts = plant.server.data / "uploads"
        received = lambda: sum(p.stat().st_size for p in parts.rglob("*.part") if p.is_file())  # noqa: E731
        products.wait_until(lambda: received() > 40 * 1024 * 1024 or upload.poll() is not None, 120,
                            "40 MB of the upload at the server")
        self.assertIsNone(upload.poll(), "the upload finished before the server could be killed")
        plant.server.kill()
        _, stderr = upload.communicate(timeout=120)
        self.assertNotEqual(0, upload.returncode)
        self.assertTrue(stderr.strip(), "the interrupted upload says what went wrong")
        self.assertEqual(1, cli.json("status")["pendingUploadCount"], "the run stays queued")

        plant.server.start()
        refused = cli("upload", check=False)
        self.assertEqual(3, refused.returncode, refused.stderr)
        self.assertIn("restarted", refused.stderr)
        plant.login()
        runs, sent, created = pushed(cli.json("upload"))
        self.assertEqual((1, 1), (runs, created))
        self.assertLess(sent, self.SIZE, "the upload resumed instead of starting again")
        self.assertEqual([1], [v["number"] for v in plant.versions("robot1")])

        token = plant.server.login("admin", ADMIN_PASSWORD)
        status, archive = plant.server.request("GET", "/api/components/robot1/versions/1/archive", token=token)
        self.assertEqual(200, status)
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:gz") as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("backup/IMAGE.bin"))
            stored = hashlib.sha256()
            with tar.extractfile(member) as content:
                for chunk in iter(lambda: content.read(1024 * 1024), b""):
                    stored.update(chunk)
        self.assertEqual(digest.hexdigest(), stored.hexdigest())


class SessionLimitsTest(unittest.TestCase):
    """Short limits in server.ini: idle, absolute and restart refusals; the offline client locks but keeps its run."""

    # Each airgap command is a JVM start of its own: the idle limit must outlast one on a loaded machine.
    IDLE, MAXIMUM = 12, 26

    @classmethod
    def setUpClass(cls):
        cls.plant = Plant("sessions", Session_idleTimeout=f"{cls.IDLE}s", Session_maxSessionLength=f"{cls.MAXIMUM}s")

    @classmethod
    def tearDownClass(cls):
        cls.plant.close()

    def refusal(self, token):
        status, answer = self.plant.server.request("GET", "/api/session", token=token)
        return status, answer.get("reason") if isinstance(answer, dict) else answer

    def test_idle_token_is_refused_with_the_idle_reason(self):
        token = self.plant.server.login("tech", PASSWORD)
        self.assertEqual(200, self.refusal(token)[0])
        time.sleep(self.IDLE + 1.5)
        self.assertEqual((401, "IDLE"), self.refusal(token))

    def test_old_token_is_refused_with_the_absolute_reason(self):
        token = self.plant.server.login("tech", PASSWORD)
        started = time.monotonic()
        while time.monotonic() - started < self.MAXIMUM - 1:
            self.assertEqual(200, self.refusal(token)[0])
            time.sleep(2)
        time.sleep(2.5)
        self.assertEqual((401, "EXPIRED"), self.refusal(token))

    def test_token_from_before_a_restart_is_refused_with_the_restart_reason(self):
        token = self.plant.server.login("tech", PASSWORD)
        self.plant.server.stop()
        self.plant.server.start()
        self.assertEqual((401, "RESTARTED"), self.refusal(token))

    def test_offline_client_locks_after_its_idle_limit_and_keeps_the_queued_run(self):
        cli = self.plant.cli
        self.plant.login()
        cli("sync")
        cli("logout")
        cli("login", "--offline", "--user", "tech", stdin_text=PASSWORD + "\n")
        self.assertEqual("SUCCEEDED", cli.json("run", "plc1-registers")["runs"][0]["outcome"])
        time.sleep(self.IDLE + 1.5)
        locked = cli("jobs", check=False)
        self.assertEqual(3, locked.returncode, locked.stderr)
        self.assertIn("idle", locked.stderr)
        wrong = cli("login", "--offline", "--user", "tech", stdin_text="wrong\n", check=False)
        self.assertNotEqual(0, wrong.returncode)
        cli("login", "--offline", "--user", "tech", stdin_text=PASSWORD + "\n")
        self.assertEqual(1, cli.json("status")["pendingUploadCount"])


class AccessTest(unittest.TestCase):
    """Technicians see only their jobs and no admin endpoint; bad logins and bad requests change nothing."""

    @classmethod
    def setUpClass(cls):
        cls.plant = Plant("access")

    @classmethod
    def tearDownClass(cls):
        cls.plant.close()

    def test_a_technician_sees_only_assigned_jobs_and_no_admin_endpoint(self):
        server = self.plant.server
        tech, tech2 = server.login("tech", PASSWORD), server.login("tech2", PASSWORD)
        self.assertEqual(4, len(server.request("GET", "/api/jobs", token=tech)[1]))
        self.assertEqual((200, []), server.request("GET", "/api/jobs", token=tech2))
        status, pull = server.request("GET", "/api/sync", token=tech2)
        self.assertEqual((200, []), (status, pull["jobs"]))
        # Another technician's component and job answer 404 as unknown ones do (issue 11): ids stay secret.
        self.assertEqual(server.request("GET", "/api/components/no-such/versions", token=tech2)[1]["error"]
                         .replace("no-such", "plc1"),
                         server.request("GET", "/api/components/plc1/versions", token=tech2)[1]["error"])
        self.assertEqual(404, server.request("GET", "/api/components/plc1/versions", token=tech2)[0])
        self.assertEqual(403, server.request("POST", "/api/admin/import", {"folders": []}, token=tech)[0])
        self.assertEqual(403, server.request("GET", "/api/admin/users", token=tech)[0])
        run = {"id": "r-foreign", "jobId": "plc1-registers", "start": "2026-11-26T08:00:00Z",
               "end": "2026-11-26T08:00:01Z", "attempts": 1, "outcome": "FAILED",
               "device": {"vendor": None, "model": None, "firmware": None, "serial": None},
               "snapshotId": None, "serverVersionResult": "NOT_COMPARED", "previousBackupResult": "NOT_COMPARED",
               "messages": []}
        status, answer = server.request("POST", "/api/uploads", {"run": run}, token=tech2)
        self.assertEqual(404, status, answer)

    def test_wrong_password_is_refused(self):
        status, answer = self.plant.server.request("POST", "/api/login", {"user": "tech", "password": "nope"})
        self.assertEqual(401, status)
        self.assertIn("wrong user name or password", answer["error"])
        refused = self.plant.login(password="nope", check=False)
        self.assertNotEqual(0, refused.returncode)
        self.assertIn("wrong user name or password", refused.stderr)

    def test_the_server_speaks_only_https_and_an_unknown_certificate_is_refused_until_trusted(self):
        server = self.plant.server
        plain = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "5",
                                f"http://127.0.0.1:{server.port}/api/health"], capture_output=True, text=True)
        self.assertNotEqual("200", plain.stdout)
        old_tls = subprocess.run(["curl", "-s", "-k", "--tlsv1.1", "--tls-max", "1.1", "-o", "/dev/null",
                                  f"{server.url}/api/health"], capture_output=True, text=True)
        self.assertNotEqual(0, old_tls.returncode, "a TLS 1.1 handshake must fail")
        # A laptop that never met this server, not on a terminal: refused, with the fingerprint to compare.
        stranger = products.Cli(client_home, self.plant.folder / "stranger-workspace")
        refused = stranger("login", "--server", server.url, "--user", "tech", stdin_text=PASSWORD + "\n", check=False)
        self.assertNotEqual(0, refused.returncode)
        self.assertIn(server.fingerprint, refused.stderr)
        self.assertIn("--trust", refused.stderr)
        stranger("login", "--server", server.url, "--user", "tech", "--trust", server.fingerprint,
                 stdin_text=PASSWORD + "\n")
        stranger("login", "--server", server.url, "--user", "tech", stdin_text=PASSWORD + "\n")  # pinned now

    def test_malformed_and_oversized_requests_change_nothing(self):
        server = self.plant.server
        admin = server.login("admin", ADMIN_PASSWORD)
        before = server.request("GET", "/api/jobs", token=admin)[1]
        self.assertEqual(400, server.request("POST", "/api/login", raw=b'{"user": ')[0])
        status, answer = server.request("POST", "/api/admin/import", raw=b'{"jobs": [{"id": 1,', token=admin)
        self.assertEqual(400, status, answer)
        oversized = self.plant.folder / "oversized.json"
        oversized.write_bytes(b'{"folders": [' + b" " * (17 * 1024 * 1024) + b"]}")
        # curl, because the server answers 413 before the body is sent and closes: http.client calls that a
        # broken pipe (-k: the certificate's fingerprint is checked by every other request of these tests)
        status = subprocess.run(["curl", "-s", "-k", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer "
                                 + admin, "-H", "Content-Type: application/json", "--data-binary", f"@{oversized}",
                                 f"{server.url}/api/admin/import"], capture_output=True, text=True).stdout
        self.assertEqual("413", status)
        self.assertEqual(before, server.request("GET", "/api/jobs", token=admin)[1])


class AdministratorsDayTest(unittest.TestCase):
    """A day of an administrator, all on the running server (no restart): define the plant and its users with
    airgap admin, a technician syncs, runs against the demo devices and uploads; the administrator compares v1
    with v2, checks in a run, removes an assignment, disables a user, prunes an import, runs gc and reads the
    overview and the audit trail."""

    @classmethod
    def setUpClass(cls):
        folder = work / "admin-day"
        cls.devices = products.DemoDevices(client_home, folder / "plant", technician="tech")
        cls.server = products.Server(server_home, folder / "server-data")
        cls.server.init()
        cls.server.add_user("admin", "admin", ADMIN_PASSWORD)  # bootstrap: the one command before the start
        cls.server.start()
        cls.admin = products.Cli(client_home, folder / "admin-workspace")
        cls.tech = products.Cli(client_home, folder / "tech-workspace")
        cls.folder = folder

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.devices.stop()

    def login(self, cli, user, password, check=True):
        return cli("login", "--server", self.server.url, "--user", user, "--trust", self.server.fingerprint,
                   stdin_text=password + "\n", check=check)

    def archive_digest(self, token, component, number):
        """The SHA-256 of the version's archive as the server streams it (the command airgap admin versions
        download, which writes the same bytes to a file, is tested in the cli tests)."""
        status, archive = self.server.request("GET", f"/api/components/{component}/versions/{number}/archive",
                                              token=token)
        self.assertEqual(200, status, archive)
        return hashlib.sha256(archive).hexdigest()

    def test_an_administrators_day_without_a_restart(self):
        admin, tech, devices = self.admin, self.tech, self.devices
        self.login(admin, "admin", ADMIN_PASSWORD)

        # The plant, its technician and a job without automatic versions, all on the running server.
        admin("admin", "users", "add", "tech", "--role", "technician", stdin_text=PASSWORD + "\n")
        admin("admin", "import", str(devices.import_file))
        admin("admin", "jobs", "create", "--file", str(self.job_file()))
        admin("admin", "assign", "plc1-by-hand", "tech")

        # The technician's round: version 1, then a changed PLC: version 2.
        self.login(tech, "tech", PASSWORD)
        tech("sync")
        tech.json("run", "plc1-registers", "plc1-by-hand", "robot1-programs")  # the PLC and the robot: enough
        tech("upload")
        registers = devices.folder / "plc1-registers.properties"
        registers.write_text(registers.read_text().replace("\n7 = 359\n", "\n7 = 360\n"))
        time.sleep(1.5)  # the simulated PLC re-reads its file every 500 ms
        tech("sync")
        tech.json("run", "plc1-registers")
        tech("upload")
        registers.write_text(registers.read_text().replace("\n7 = 360\n", "\n7 = 361\n"))
        time.sleep(1.5)
        tech.json("run", "plc1-by-hand")  # a third state of the PLC, kept without a version by its job
        tech("upload")
        versions = admin.json("admin", "versions", "plc1")["versions"]
        self.assertEqual([1, 2], sorted(version["number"] for version in versions), versions)

        # Compare v1 with v2: the changed register, as text and as JSON.
        text = admin("admin", "compare", "plc1", "v1", "v2").stdout
        self.assertIn("359", text)
        self.assertIn("360", text)

        # Check in the by-hand job's last run as a version with a comment.
        runs = admin.json("admin", "runs", "--job", "plc1-by-hand")
        latest = runs["runs"][0]
        self.assertIsNone(latest.get("version"), latest)
        admin("admin", "checkin", latest["id"], "--comment", "checked in after the retrofit")
        versions = admin.json("admin", "versions", "plc1")["versions"]
        self.assertEqual("checked in after the retrofit", max(versions, key=lambda v: v["number"])["comment"])

        # Remove an assignment: the technician's next sync drops the job and says why.
        admin("admin", "unassign", "plc1-by-hand", "tech")
        synced = tech("sync")
        self.assertIn("plc1-by-hand is no longer assigned to you", synced.stdout + synced.stderr)
        self.assertNotIn("plc1-by-hand", {job["id"] for job in tech.json("jobs")["jobs"] if job["synced"]})

        # Prune an import: the file without the robot; a dry run first changes nothing.
        definitions = json.loads(devices.import_file.read_text())
        definitions["jobs"] = [job for job in definitions["jobs"] if job["componentId"] != "robot1"]
        definitions["assignments"] = [a for a in definitions.get("assignments", []) if a["jobId"] != "robot1-programs"]
        definitions["components"] = [c for c in definitions["components"] if c["id"] != "robot1"]
        pruned = self.folder / "without-robot.json"
        pruned.write_text(json.dumps(definitions))
        dry = admin("admin", "import", str(pruned), "--prune", "--dry-run").stdout
        self.assertIn("robot1", dry)
        admin("admin", "import", str(pruned), "--prune")
        archived = {c["component"]["id"]: c.get("archived") for c in admin.json("admin", "components", "list", "--archived")}
        self.assertIsNotNone(archived["robot1"], "the robot has versions: archived, not removed")
        self.assertIsNone(archived["plc1"])

        # A retention policy, the archived robot purged, gc: space comes back and every kept version's archive
        # stays byte-identical.
        admin("admin", "retention", "set", "--component", "plc1", "--keep-versions", "2", "--keep-runs-for", "30d")
        token = self.server.login("admin", ADMIN_PASSWORD)
        kept = {(component, number): self.archive_digest(token, component, number)
                for component, number in [("plc1", 1), ("plc1", 2), ("plc1", 3)]}
        admin("admin", "components", "delete", "robot1", "--purge")
        result = admin.json("admin", "gc")
        self.assertGreater(result["blobsRemoved"], 0, result)
        self.assertGreater(result["bytesReclaimed"], 0, result)
        for (component, number), digest in kept.items():
            self.assertEqual(digest, self.archive_digest(token, component, number), (component, number))

        # Disable the technician: their session ends at once.
        admin("admin", "users", "disable", "tech")
        refused = tech("sync", check=False)
        self.assertEqual(3, refused.returncode, refused.stdout + refused.stderr)
        self.assertIn("disabled", refused.stderr)

        # The overview and the audit trail tell the day.
        overview = admin.json("admin", "overview")
        self.assertTrue(overview, overview)
        audit = admin.json("admin", "audit", "--source", "server", "--limit", "1000")
        actions = {entry["action"] for entry in audit["entries"]}
        for action in ("LOGIN", "ASSIGN", "UNASSIGN", "USER_DISABLE", "VERSION_CHECKIN", "COMMIT", "GC"):
            self.assertIn(action, actions)
        self.assertTrue(all(trail["intact"] for trail in audit["trails"]), audit["trails"])

    def job_file(self):
        """The demo's PLC job again, as a job whose runs become versions only when checked in by hand."""
        job = next(job for job in json.loads(self.devices.import_file.read_text())["jobs"] if job["id"] == "plc1-registers")
        job.update(id="plc1-by-hand", name="PLC 1, checked in by hand")
        job.setdefault("options", {})["createVersionAutomatically"] = False
        path = self.folder / "plc1-by-hand.json"
        path.write_text(json.dumps(job))
        return path


def short_name(test):
    return test.id().split(".", 1)[-1]


class PassFailResult(unittest.TextTestResult):
    """One PASS/FAIL line per test, the format ./dev test counts."""

    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"PASS e2e {short_name(test)}", flush=True)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f"FAIL e2e {short_name(test)}: {err[1]}", flush=True)

    def addError(self, test, err):
        super().addError(test, err)
        print(f"FAIL e2e {short_name(test)}: {err[0].__name__}: {err[1]}", flush=True)


if __name__ == "__main__":
    unittest.main(testRunner=unittest.TextTestRunner(resultclass=PassFailResult, verbosity=0))
