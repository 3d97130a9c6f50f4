package org.airgap.driver.modbus.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ProblemKind;
import org.airgap.driver.api.TableFile;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.SnapshotWriter;
import org.osgi.service.component.annotations.Component;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.msg.ReadMEIResponse;

/**
 * The Modbus TCP driver: backs up coils, discrete inputs, holding and input registers into one table
 * file per area, and the device identification (function 43/14) when the device has one. Parameters and
 * files: docs/drivers.md, "Modbus TCP".
 */
@Component(service = DeviceDriver.class, property = {
        DeviceDriver.ID + "=" + ModbusTcpDriver.ID,
        DeviceDriver.NAME + "=Modbus TCP",
        DeviceDriver.VENDOR + "=Airgap" })
public final class ModbusTcpDriver implements DeviceDriver {

    public static final String ID = "modbus-tcp";

    /** The snapshot path of the device identification table. */
    static final String IDENTIFICATION_FILE = "device-identification.table";

    /** Digits of a table key: every address 0 to 65535 has five, so code point order is numeric order. */
    private static final String ADDRESS_FORMAT = "%05d";

    /** Names of the basic device identification objects (Modbus application protocol, 6.21). */
    private static final List<String> IDENTIFICATION_OBJECTS = List.of("VendorName", "ProductCode",
            "MajorMinorRevision");

    @Override
    public List<ParameterDescriptor> parameters() {
        return ModbusSettings.PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        return ModbusSettings.validate(parameters);
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        ModbusSettings settings = ModbusSettings.of(parameters);
        progress.log("Modbus TCP connection test: " + settings.redacted());
        try (ModbusConnection connection = new ModbusConnection(settings)) {
            connection.connect();
            progress.log("connected to " + settings.endpoint());
            Identification identification = settings.readDeviceIdentification()
                    ? readIdentification(connection, settings, progress)
                    : Identification.NONE;
            return DriverResult.success(identification.identity());
        } catch (DeviceProblemException e) {
            return new DriverResult(null, List.of(e.problem()));
        }
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        ModbusSettings settings = ModbusSettings.of(parameters);
        List<RegisterReader.Request> requests = RegisterReader.plan(settings);
        long total = requests.stream().mapToLong(r -> r.part().count()).sum();
        progress.log("Modbus TCP backup: " + settings.redacted());
        progress.log(requests.size() + " requests for " + total + " registers and bits on " + settings.concurrency()
                + (settings.concurrency() == 1 ? " connection" : " connections"));
        if (progress.pacing().isOn()) {
            progress.log("Gentle mode (" + progress.pacing() + "): each request waits for the pause after the last "
                    + "answer" + (settings.concurrency() == 1 ? "" : ", also across the connections"));
        }
        progress.begin(total, "registers");
        if (progress.isCancelled()) {
            return DriverResult.failure(null, ProblemKind.CANCELLED, "cancelled before connecting");
        }
        Identification identification = Identification.NONE;
        ModbusConnection first = new ModbusConnection(settings);
        try {
            first.connect();
            progress.log("connected to " + settings.endpoint());
            if (settings.readDeviceIdentification()) {
                identification = readIdentification(first, settings, progress);
            }
        } catch (DeviceProblemException e) {
            first.close();
            return new DriverResult(identification.identity(), List.of(e.problem()));
        }
        RegisterReader.Outcome outcome = new RegisterReader(settings, requests).read(first, progress);
        if (!outcome.problems().isEmpty()) {
            // No table is written: a partial table would compare as removed registers.
            return new DriverResult(identification.identity(), outcome.problems());
        }
        try {
            writeTables(settings, requests, outcome.values(), snapshot);
            if (!identification.rows().isEmpty()) {
                write(snapshot, IDENTIFICATION_FILE, TableFile.format(comments(settings),
                        List.of("object", "name", "value"), identification.rows()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backup of " + settings.endpoint() + " to the snapshot", e);
        }
        progress.log("read " + total + " registers and bits from " + settings.endpoint());
        return DriverResult.success(identification.identity());
    }

    private static void writeTables(ModbusSettings settings, List<RegisterReader.Request> requests, int[][] values,
            SnapshotWriter snapshot) throws IOException {
        for (Map.Entry<DataArea, List<AddressRange>> entry : settings.ranges().entrySet()) {
            DataArea area = entry.getKey();
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                RegisterReader.Request request = requests.get(i);
                if (request.area() == area) {
                    for (int offset = 0; offset < values[i].length; offset++) {
                        rows.add(List.of(String.format(ADDRESS_FORMAT, request.part().first() + offset),
                                Integer.toString(values[i][offset])));
                    }
                }
            }
            List<String> comments = new ArrayList<>(comments(settings));
            comments.add(area.label + " (function " + area.functionCode + "), ranges "
                    + entry.getValue().stream().map(AddressRange::toString).collect(Collectors.joining(", ")));
            comments.add("address: 0-based protocol address, 5 digits; value: "
                    + (area.bits ? "0 or 1" : "unsigned 16-bit, decimal"));
            write(snapshot, area.file, TableFile.format(comments, List.of("address", "value"), rows));
        }
    }

    /** What every table says about where it was read; no time, so an unchanged device gives equal bytes. */
    private static List<String> comments(ModbusSettings settings) {
        return List.of("device: " + settings.endpoint() + ", Modbus TCP, unit " + settings.unitId());
    }

    private static void write(SnapshotWriter snapshot, String path, String table) throws IOException {
        try (OutputStream out = snapshot.file(path, null)) {
            out.write(table.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The device's identity and its identification table rows (object id, name, value). */
    private record Identification(DeviceIdentity identity, List<List<String>> rows) {
        static final Identification NONE = new Identification(DeviceIdentity.UNKNOWN, List.of());
    }

    /**
     * Reads the basic device identification. A device without it answers "illegal function" or nothing at
     * all: that is logged and the backup goes on. Only a lost connection is a failure.
     */
    private static Identification readIdentification(ModbusConnection connection, ModbusSettings settings,
            DriverProgress progress) throws DeviceProblemException {
        ReadMEIResponse response;
        try {
            response = connection.readDeviceIdentification(progress.pacing());
        } catch (ModbusSlaveException e) {
            progress.log("device identification (function 43/14) not supported: the device answered exception "
                    + e.getType() + "; going on without it");
            return Identification.NONE;
        } catch (ModbusException e) {
            progress.log("device identification (function 43/14) not read (" + e.getMessage()
                    + "); going on without it");
            connection.close(); // a late answer must not be taken for the next request's
            connection.connect();
            return Identification.NONE;
        }
        String[] objects = new String[IDENTIFICATION_OBJECTS.size()];
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < response.getFieldCount(); i++) {
            int id = response.getFieldId(i);
            String value = response.getField(i);
            if (id < objects.length) {
                objects[id] = value;
            }
            String name = id < objects.length ? IDENTIFICATION_OBJECTS.get(id) : "";
            rows.add(List.of(String.format("%02X", id), name, value));
        }
        rows = dropRepeatedIds(rows);
        DeviceIdentity identity = new DeviceIdentity(objects[0], objects[1], objects[2], null);
        progress.log("device identification: vendor " + objects[0] + ", product code " + objects[1] + ", revision "
                + objects[2]);
        return new Identification(identity, rows);
    }

    /** A faulty device may list an object twice; the table keeps its first value. */
    private static List<List<String>> dropRepeatedIds(List<List<String>> rows) {
        Map<String, List<String>> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.putIfAbsent(row.get(0), row));
        return List.copyOf(byId.values());
    }
}
