import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.ftp.internal.FtpDriver;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.EntryType;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;

/**
 * One Airgap FTP backup as a run does it: the driver implementation writes into a real content store, the
 * snapshot is committed when the driver reports no problem. Prints files, bytes and the time inside the JVM.
 * Usage: java -cp ... FtpBenchBackup PORT CONCURRENCY STORE_DIR USER [PASSWORD]
 */
public final class FtpBenchBackup {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        ContentStore store = ContentStores.open(Path.of(args[2]));
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("host", "127.0.0.1", "port", args[0], "user",
                args[3], "paths", "/", "concurrency", args[1]));
        if (args.length > 4) {
            parameters.put("password", args[4]);
        }
        FtpDriver driver = new FtpDriver();
        if (!driver.validate(parameters).isEmpty()) {
            throw new IllegalArgumentException(driver.validate(parameters).toString());
        }
        Snapshot snapshot;
        try (SnapshotWriter writer = store.newSnapshot()) {
            DriverResult result = driver.backup(parameters, writer, new DriverProgress() {
                @Override
                public void begin(long totalWork, String unit) {
                }

                @Override
                public void worked(long work, String currentItem) {
                }

                @Override
                public void log(String message) { // the driver's own lines (listing, totals, time) on stderr
                    System.err.printf(Locale.ROOT, "%6.2f s  %s%n", (System.nanoTime() - start) / 1e9, message);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
            if (!result.ok()) {
                System.err.println("backup failed: " + result.problems());
                System.exit(1);
            }
            snapshot = writer.commit();
        }
        long files = snapshot.manifest().entries().stream().filter(e -> e.type() == EntryType.FILE).count();
        System.out.printf(Locale.ROOT, "airgap: files=%d bytes=%d seconds_in_jvm=%.2f snapshot=%s%n", files,
                snapshot.manifest().totalSize(), (System.nanoTime() - start) / 1e9, snapshot.id());
    }
}
