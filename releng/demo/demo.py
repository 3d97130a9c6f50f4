#!/usr/bin/env python3
"""./dev demo: the Airgap server, a simulated plant and the workbench on this computer, ready to use.

Sets up target/demo/ from the built products (the client with the demo feature installed from the
build's p2 repository), starts the demo plant (a Modbus TCP PLC, an FTP robot and an OPC UA filling
machine on 127.0.0.1), a server with demo users and the plant's jobs, and opens the workbench on its own
workspace with the server's URL in the login dialog (bin/airgap -airgap.server URL). Ctrl+C or
closing the workbench stops everything. --no-workbench keeps the server and the plant running for the
command line instead.
"""
import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import airgap_products as products  # noqa: E402

TECHNICIAN, TECHNICIAN_PASSWORD = "tech", "airgap-demo"
ADMIN, ADMIN_PASSWORD = "admin", "airgap-admin"


def main():
    parser = argparse.ArgumentParser(prog="./dev demo", description=__doc__.splitlines()[0])
    parser.add_argument("--no-workbench", action="store_true", help="do not open the workbench; run until Ctrl+C")
    parser.add_argument("--port", type=int, default=8480, help="the server's port (default 8480)")
    options = parser.parse_args()

    demo = products.ROOT / "target/demo"
    if demo.exists():
        shutil.rmtree(demo)  # a fresh plant, server and workspace each time
    print("Setting up the demo in", demo)
    client, server_home = products.unpack(demo)
    products.install_demo_feature(client)
    devices = products.DemoDevices(client, demo / "plant", technician=TECHNICIAN)
    server = products.Server(server_home, demo / "server-data", port=options.port)
    try:
        # The demo's easy-to-type passwords are shorter than the 12 characters a real server asks for.
        server.init(Security_minPasswordLength=len(TECHNICIAN_PASSWORD))
        server.add_user(TECHNICIAN, "technician", TECHNICIAN_PASSWORD)
        server.add_user(ADMIN, "admin", ADMIN_PASSWORD)
        server.import_definitions(devices.import_file)
        server.start()
        workspace = demo / "workspace"
        print(f"""
Airgap demo running:
  server       {server.url}   (data: {server.data})
               its certificate: {server.fingerprint}
               (the workbench asks you to compare it at the first login; airgap-server fingerprint prints it)
  plant        PLC 1 on Modbus TCP port {devices.modbus_port}, Robot 1 on FTP port {devices.ftp_port},
               Filler 1 on OPC UA opc.tcp://127.0.0.1:{devices.opcua_port}, Press PLC on S7 port {devices.s7_port}
               change a device: edit {devices.folder / 'plc1-registers.properties'},
               {devices.folder / 'filler1-variables.properties'}, a byte in {devices.folder / 'press1-memory.properties'}
               or a file in {devices.folder / 'robot1'}
  technician   user "{TECHNICIAN}", password "{TECHNICIAN_PASSWORD}"   (administrator: "{ADMIN}" / "{ADMIN_PASSWORD}")
  workspace    {workspace}

On the command line (another terminal):
  export AIRGAP_WORKSPACE={workspace}
  echo {TECHNICIAN_PASSWORD} | {client}/bin/airgap login --server {server.url} --user {TECHNICIAN} --trust {server.fingerprint}
  {client}/bin/airgap sync && {client}/bin/airgap run --all && {client}/bin/airgap upload
  {client}/bin/airgap jobs
""", flush=True)
        if options.no_workbench:
            print("Press Ctrl+C to stop the demo.", flush=True)
            devices.process.wait()
        else:
            env = dict(products.os.environ, AIRGAP_WORKSPACE=str(workspace))
            # The login dialog offers the demo server's URL, as a desktop shortcut would (docs/server.md).
            subprocess.run([str(client / "bin/airgap"), "-airgap.server", server.url], env=env)
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping the demo server and plant", flush=True)
        server.stop()
        devices.stop()


if __name__ == "__main__":
    main()
