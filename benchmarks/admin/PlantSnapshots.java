import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;

/**
 * The files of the generated plant's backups in the server's content store, content-addressed as the store
 * keeps them (docs/formats.md, "Snapshot store"): each content once as {@code blobs/xx/<sha256>}, each
 * snapshot's canonical manifest ({@link ManifestFormat}) as {@code manifests/<its sha256>.json}. The files
 * are written directly, without the store's fsync of every file and folder (eight per snapshot, which made
 * 85,000 snapshots take over 20 minutes on the shared 2 cores); the caller syncs once at the end, and
 * {@link #check} reads a sample back through the store, which verifies names and hashes.
 * <p>
 * A component's history is a sequence of generations (a generation is what a run found on the device; a run
 * equal to the one before found the same generation and names the same snapshot). Each snapshot has six
 * small files that change at different rates, so that versions of a component share most of their blobs
 * and the store's deduplication matters:
 * <ul>
 * <li>{@code program/OB1.st} (about 3.5 KB) and {@code program/DB10_Params.db} (about 0.8 KB): new in every
 * generation;</li>
 * <li>{@code program/FB20_Conveyor.st} (about 3 KB): new every third generation;</li>
 * <li>{@code hmi/alarms.csv} (about 1 KB): new every fifth generation;</li>
 * <li>{@code hardware/config.xml} (about 1 KB): one per component;</li>
 * <li>{@code library/std-blocks.lib} (about 8 KB): one per plant, the same blob in 1,000 components.</li>
 * </ul>
 * Contents are derived from the component, the file and the generation only, so a run repeats exactly.
 */
final class PlantSnapshots {

    private static final int PLANTS = 10;
    private final Path blobs;
    private final Path manifests;
    private final byte[][] libraries = new byte[PLANTS][];
    private final String[] librarySha256 = new String[PLANTS];

    PlantSnapshots(ContentStore store) throws IOException {
        this.blobs = store.root().resolve("blobs");
        this.manifests = store.root().resolve("manifests");
        for (int folder = 0; folder < 256; folder++) {
            Files.createDirectories(blobs.resolve(String.format("%02x", folder)));
        }
        for (int plant = 0; plant < PLANTS; plant++) {
            libraries[plant] = library(plant);
            librarySha256[plant] = blob(libraries[plant]);
        }
    }

    /**
     * Stores the snapshot of each generation of component {@code c} (plant {@code c / 1000}), generation
     * {@code g} seen first at {@code times[g]}; returns their snapshot ids.
     */
    String[] write(int c, Instant[] times) throws IOException {
        String[] ids = new String[times.length];
        Instant installed = times[0].minus(Duration.ofDays(90));
        byte[] hardware = hardware(c);
        int plant = c / 1000 % PLANTS;
        for (int g = 0; g < times.length; g++) {
            List<ManifestEntry> entries = new ArrayList<>(6);
            entries.add(file("program/OB1.st", times[g], mainProgram(c, g)));
            entries.add(file("program/DB10_Params.db", times[g], parameters(c, g)));
            entries.add(file("program/FB20_Conveyor.st", times[g / 3 * 3], conveyor(c, g / 3)));
            entries.add(file("hmi/alarms.csv", times[g / 5 * 5], alarms(c, g / 5)));
            entries.add(file("hardware/config.xml", installed, hardware));
            entries.add(ManifestEntry.file("library/std-blocks.lib", libraries[plant].length, librarySha256[plant],
                    Instant.parse("2025-06-02T06:00:00Z")));
            byte[] json = ManifestFormat.toJson(new Manifest(entries));
            ids[g] = ManifestFormat.sha256(json);
            create(manifests.resolve(ids[g] + ".json"), json);
        }
        return ids;
    }

    /**
     * Reads every {@code step}th of {@code ids} back through the store, which checks each manifest's name
     * against its bytes, and each of its blobs against its SHA-256; returns how many snapshots it read.
     */
    static int check(ContentStore store, List<String> ids, int step) throws IOException {
        int read = 0;
        for (int i = 0; i < ids.size(); i += step) {
            for (String sha256 : store.readSnapshot(ids.get(i)).manifest().blobs()) {
                try (var in = store.openBlob(sha256)) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                }
            }
            read++;
        }
        return read;
    }

    private ManifestEntry file(String path, Instant modified, byte[] content) throws IOException {
        return ManifestEntry.file(path, content.length, blob(content), modified);
    }

    /** Stores {@code content} once under its SHA-256, unless it is there already; returns the SHA-256. */
    private String blob(byte[] content) throws IOException {
        String sha256 = ManifestFormat.sha256(content);
        create(blobs.resolve(sha256.substring(0, 2)).resolve(sha256), content);
        return sha256;
    }

    /** Content-addressed: a file that exists already has these bytes, so it is left alone. */
    private static void create(Path file, byte[] content) throws IOException {
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
            // the same content, written by an earlier generation or another component
        }
    }

    private static SplittableRandom random(int c, int file, int revision) {
        return new SplittableRandom(((long) c << 32) ^ ((long) file << 24) ^ revision * 0x9E3779B97F4A7C15L);
    }

    private static byte[] mainProgram(int c, int g) {
        SplittableRandom random = random(c, 1, g);
        StringBuilder text = new StringBuilder(3200);
        text.append("(* OB1 main cycle of PLC ").append(c).append(", revision ").append(g).append(" *)\n");
        text.append("PROGRAM OB1\nVAR\n  Cycle : UDINT;\n  Enable : BOOL := TRUE;\nEND_VAR\n");
        for (int line = 0; line < 44; line++) {
            text.append("  Motor_").append(line).append("(Enable := %I").append(random.nextInt(8)).append('.')
                    .append(random.nextInt(8)).append(" AND NOT Fault_").append(line).append(", Speed := ")
                    .append(random.nextInt(3000)).append(", Ramp := T#").append(50 * random.nextInt(40)).append("ms);\n");
        }
        return text.append("END_PROGRAM\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] parameters(int c, int g) {
        SplittableRandom random = random(c, 2, g);
        StringBuilder text = new StringBuilder(1400);
        text.append("DATA_BLOCK DB10 \"Params\" // PLC ").append(c).append('\n');
        for (int i = 0; i < 40; i++) {
            text.append("  P").append(100 + i).append(" := ").append(random.nextInt(10_000)).append('.')
                    .append(10 + random.nextInt(90)).append(";\n");
        }
        return text.append("END_DATA_BLOCK\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] conveyor(int c, int revision) {
        SplittableRandom random = random(c, 3, revision);
        StringBuilder text = new StringBuilder(2100);
        text.append("FUNCTION_BLOCK FB20 (* conveyor control, PLC ").append(c).append(" *)\n");
        for (int step = 0; step < 36; step++) {
            text.append("  IF Step = ").append(step).append(" THEN Belt.Speed := ").append(random.nextInt(1200))
                    .append("; Timer(IN := TRUE, PT := T#").append(1 + random.nextInt(30)).append("s); END_IF;\n");
        }
        return text.append("END_FUNCTION_BLOCK\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] alarms(int c, int revision) {
        SplittableRandom random = random(c, 4, revision);
        StringBuilder text = new StringBuilder(1100);
        text.append("id;class;text\n");
        for (int i = 0; i < 24; i++) {
            text.append(i).append(';').append(random.nextBoolean() ? "warning" : "fault").append(";Drive ")
                    .append(random.nextInt(64)).append(" of PLC ").append(c).append(" tripped\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hardware(int c) {
        SplittableRandom random = random(c, 5, 0);
        StringBuilder text = new StringBuilder(1600);
        text.append("<station name=\"PLC ").append(c).append("\">\n");
        for (int slot = 0; slot < 16; slot++) {
            text.append("  <module slot=\"").append(slot).append("\" order=\"6ES7 ").append(100 + random.nextInt(900))
                    .append('-').append(random.nextInt(10)).append("BH").append(10 + random.nextInt(90))
                    .append("-0AB0\" address=\"").append(slot * 4).append("\"/>\n");
        }
        return text.append("</station>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] library(int plant) {
        SplittableRandom random = random(plant, 6, 0);
        StringBuilder text = new StringBuilder(8300);
        for (int block = 0; block < 100; block++) {
            text.append("FB").append(1000 + block).append(" standard block ").append(block).append(" of plant ")
                    .append(plant).append(", checksum ").append(Integer.toHexString(random.nextInt())).append('\n');
        }
        while (text.length() < 8000) {
            text.append("; ").append(Long.toHexString(random.nextLong())).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
