import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreKeys;

/**
 * Ingests a folder tree into a store as one snapshot, the way a driver does (a stream per file), and
 * prints one line: files, bytes, seconds, MB/s, CPU seconds of the VM meanwhile, bytes newly added
 * under blobs/, snapshot id. With {@code sealed} the store is sealed (encrypted, as a laptop's workspace
 * store) under a fixed data key.
 * Usage: java -cp STORE_JAR:GSON_JAR:EQUINOX_COMMON_JAR StoreIngest.java TREE STORE [sealed]
 */
public class StoreIngest {

    public static void main(String[] args) throws IOException {
        Path tree = Path.of(args[0]);
        StoreKeys keys = StoreKeys.plain();
        if (args.length > 2 && args[2].equals("sealed")) {
            keys = StoreKeys.locked();
            keys.unlock(new byte[32]); // a fixed key: the benchmark measures the work, not the secrecy
        }
        ContentStore store = ContentStores.open(Path.of(args[1]), keys);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tree)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        long blobBytesBefore = blobBytes(store);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        Snapshot snapshot;
        long bytes;
        try (SnapshotWriter writer = store.newSnapshot()) {
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    writer.file(tree.relativize(file).toString().replace('\\', '/'),
                            Files.getLastModifiedTime(file).toInstant(), in);
                }
            }
            bytes = writer.bytesWritten();
            snapshot = writer.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
        System.out.printf("files=%d bytes=%d seconds=%.2f mb_per_s=%.1f cpu_s=%.2f new_blob_bytes=%d snapshot=%s%n",
                files.size(), bytes, seconds, bytes / 1e6 / seconds, cpuSeconds, blobBytes(store) - blobBytesBefore,
                snapshot.id());
    }

    /**
     * CPU time of all the VM's threads (user + system, JIT compilers included): on a shared machine it
     * moves far less with the load than wall time does.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long blobBytes(ContentStore store) throws IOException {
        try (Stream<Path> walk = Files.walk(store.root().resolve("blobs"))) {
            return walk.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
