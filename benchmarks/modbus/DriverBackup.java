import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.modbus.internal.ModbusTcpDriver;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;

/**
 * One Airgap backup of holding registers 0-65535 from 127.0.0.1:PORT with the Modbus TCP driver, as a
 * run does it (a snapshot in a fresh content store, committed), then a check that the table holds every
 * register with the value the benchmark slave serves. Arguments: PORT CONCURRENCY. Exit status 1 when
 * the backup or the check failed.
 */
public class DriverBackup {

    public static void main(String[] args) throws Exception {
        String port = args[0];
        String concurrency = args[1];
        Path folder = Files.createTempDirectory("airgap-modbus-bench");
        try {
            ContentStore store = ContentStores.open(folder);
            Snapshot snapshot;
            try (SnapshotWriter writer = store.newSnapshot()) {
                DriverResult result = new ModbusTcpDriver().backup(Map.of("host", "127.0.0.1", "port", port,
                        "holdingRegisters", "0-65535", "concurrency", concurrency,
                        "readDeviceIdentification", "false"), writer, DriverProgress.NONE);
                if (!result.ok()) {
                    System.err.println("backup failed: " + result.problems());
                    System.exit(1);
                }
                snapshot = writer.commit();
            }
            check(store, snapshot);
        } finally {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static void check(ContentStore store, Snapshot snapshot) throws IOException {
        ManifestEntry entry = snapshot.manifest().entries().get(0);
        String table;
        try (InputStream in = store.openBlob(entry.sha256())) {
            table = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> lines = table.lines().toList();
        List<String> rows = lines.subList(lines.indexOf("address\tvalue") + 1, lines.size());
        if (rows.size() != 65536) {
            System.err.println("expected 65536 rows, got " + rows.size());
            System.exit(1);
        }
        for (int address = 0; address < 65536; address++) {
            String expected = String.format("%05d\t%d", address, (address * 7919 + 3) & 0xFFFF);
            if (!rows.get(address).equals(expected)) {
                System.err.println("row " + address + ": expected " + expected + ", got " + rows.get(address));
                System.exit(1);
            }
        }
        System.out.println(entry.path() + ": 65536 registers, snapshot " + snapshot.id());
    }
}
