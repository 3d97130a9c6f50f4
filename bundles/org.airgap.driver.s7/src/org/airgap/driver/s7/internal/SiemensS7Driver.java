package org.airgap.driver.s7.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ProblemKind;
import org.airgap.store.SnapshotWriter;
import org.osgi.service.component.annotations.Component;

/**
 * The Siemens S7 driver (Apache PLC4X's S7 protocol): backs up data blocks and the M, I and Q areas into
 * one table file per area, and the PLC's identity (SZL) when it gives it. Parameters and files:
 * docs/drivers.md, "Siemens S7".
 */
@Component(service = DeviceDriver.class, property = {
        DeviceDriver.ID + "=" + SiemensS7Driver.ID,
        DeviceDriver.NAME + "=Siemens S7",
        DeviceDriver.VENDOR + "=Airgap" })
public final class SiemensS7Driver implements DeviceDriver {

    public static final String ID = "siemens-s7";

    /** The snapshot path of the identity table. */
    static final String IDENTITY_FILE = "identity.table";

    @Override
    public List<ParameterDescriptor> parameters() {
        return S7Settings.PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        return S7Settings.validate(parameters);
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        S7Settings settings = S7Settings.of(parameters);
        progress.log("S7 connection test: " + settings.redacted());
        try (S7Link link = S7Link.open(settings)) {
            progress.log("connected to " + settings.endpoint() + " (" + settings.addressing() + ")");
            return DriverResult.success(readIdentity(link, progress).identity());
        } catch (DeviceProblemException e) {
            return DriverResult.failure(e);
        }
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        S7Settings settings = S7Settings.of(parameters);
        long total = settings.areas().stream().mapToLong(AreaRange::length).sum();
        progress.log("S7 backup: " + settings.redacted());
        progress.begin(total, "bytes");
        if (progress.isCancelled()) {
            return DriverResult.failure(null, ProblemKind.CANCELLED, "cancelled before connecting");
        }
        Identification identification = Identification.NONE;
        try (S7Link link = S7Link.open(settings)) {
            progress.log("connected to " + settings.endpoint() + " (" + settings.addressing() + ")");
            if (settings.readIdentity()) {
                identification = readIdentity(link, progress);
            }
            Map<AreaRange, byte[]> contents = new AreaReader(link, progress).read(settings.areas());
            for (Map.Entry<String, String> table : AreaTables.format(settings, contents).entrySet()) {
                write(snapshot, table.getKey(), table.getValue());
            }
            if (!identification.rows().isEmpty()) {
                write(snapshot, IDENTITY_FILE, AreaTables.identity(settings, identification));
            }
        } catch (DeviceProblemException e) {
            // No table is written: a partial table would compare as removed bytes.
            return new DriverResult(identification.identity(), List.of(e.problem()));
        }
        progress.log("read " + total + " bytes in " + settings.areas().size() + " ranges from " + settings.endpoint());
        return DriverResult.success(identification.identity());
    }

    /**
     * Reads the identity lists. A PLC that does not give them (protection level, CP without them) answers an
     * error or nothing: that is logged and the backup goes on.
     */
    private static Identification readIdentity(S7Link link, DriverProgress progress) {
        byte[] module = szl(link, Identification.MODULE_IDENTIFICATION, progress);
        byte[] component = szl(link, Identification.COMPONENT_IDENTIFICATION, progress);
        Identification identification;
        try {
            identification = Identification.of(module, component);
        } catch (RuntimeException e) { // NOPMD a malformed answer must not stop the backup
            progress.log("identity not read: malformed system status list (" + e + "); going on without it");
            return Identification.NONE;
        }
        progress.log("identity: " + identification.identity());
        return identification;
    }

    private static byte[] szl(S7Link link, int id, DriverProgress progress) {
        try {
            return link.readSzl(id, 0x0000);
        } catch (DeviceProblemException e) {
            progress.log("identity list " + String.format("%04X", id) + " not read (" + e.getMessage()
                    + "); going on without it");
            return null;
        }
    }

    private static void write(SnapshotWriter snapshot, String path, String table) {
        try (OutputStream out = snapshot.file(path, null)) {
            out.write(table.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + " to the snapshot", e);
        }
    }
}
