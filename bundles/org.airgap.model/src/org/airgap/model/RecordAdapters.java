package org.airgap.model;

import static org.airgap.model.IsoTimeAdapter.DURATION;
import static org.airgap.model.IsoTimeAdapter.INSTANT;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.google.gson.stream.JsonWriter;

/**
 * The JSON form of each model record type with a document kind: its fields in the order docs/formats.md
 * gives, and how they are read back. Kept together so that the whole format can be read in one place.
 */
final class RecordAdapters {

    /** Every record type with a document kind. */
    static final List<RecordAdapter<?>> ALL = List.of(new FolderAdapter(), new ComponentAdapter(), new JobAdapter(),
            new RunAdapter(), new VersionAdapter(), new BaselineAdapter());

    private RecordAdapters() {
    }

    /** A {@link DeviceIdentity} as an object of its four parts, each a string or null. */
    private static void writeDevice(JsonWriter json, String name, DeviceIdentity device) throws IOException {
        json.name(name).beginObject();
        json.name("vendor").value(device.vendor());
        json.name("model").value(device.model());
        json.name("firmware").value(device.firmware());
        json.name("serial").value(device.serial());
        json.endObject();
    }

    private static DeviceIdentity readDevice(JsonFields device) throws ModelFormatException {
        DeviceIdentity identity = new DeviceIdentity(device.optionalString("vendor"), device.optionalString("model"),
                device.optionalString("firmware"), device.optionalString("serial"));
        device.finish();
        return identity;
    }

    /** The JSON form of a {@link Folder}. */
    private static final class FolderAdapter extends RecordAdapter<Folder> {

        FolderAdapter() {
            super(Folder.class, "folder", "folders");
        }

        @Override
        void writeFields(JsonWriter json, Folder folder) throws IOException {
            json.name("id").value(folder.id());
            json.name("name").value(folder.name());
            json.name("parentId").value(folder.parentId());
        }

        @Override
        Folder readFields(JsonFields fields) throws ModelFormatException {
            return new Folder(fields.string("id"), fields.string("name"), fields.optionalString("parentId"));
        }
    }

    /** The JSON form of a {@link Component}, its connection parameters as an object sorted by name. */
    private static final class ComponentAdapter extends RecordAdapter<Component> {

        ComponentAdapter() {
            super(Component.class, "component", "components");
        }

        @Override
        void writeFields(JsonWriter json, Component component) throws IOException {
            json.name("id").value(component.id());
            json.name("name").value(component.name());
            json.name("folderId").value(component.folderId());
            json.name("deviceType").value(component.deviceType());
            writeMap(json, "connection", component.connection());
        }

        @Override
        Component readFields(JsonFields fields) throws ModelFormatException {
            return new Component(fields.string("id"), fields.string("name"), fields.string("folderId"),
                    fields.string("deviceType"), fields.stringMap("connection"));
        }
    }

    /** The JSON form of a {@link Job} with its {@link JobOptions} and {@link IgnoreRule}s. */
    private static final class JobAdapter extends RecordAdapter<Job> {

        JobAdapter() {
            super(Job.class, "job", "jobs");
        }

        @Override
        void writeFields(JsonWriter json, Job job) throws IOException {
            json.name("id").value(job.id());
            json.name("componentId").value(job.componentId());
            json.name("name").value(job.name());
            writeMap(json, "parameters", job.parameters());
            JobOptions options = job.options();
            json.name("options").beginObject();
            json.name("maxAttempts").value(options.maxAttempts());
            DURATION.write(json.name("pauseBetweenAttempts"), options.pauseBetweenAttempts());
            DURATION.write(json.name("warnIfBackupOlderThan"), options.warnIfBackupOlderThan());
            json.name("createVersionAutomatically").value(options.createVersionAutomatically());
            writeStrings(json, "includes", options.includes());
            writeStrings(json, "excludes", options.excludes());
            json.name("ignoreRules").beginArray();
            for (IgnoreRule rule : options.ignoreRules()) {
                json.beginObject();
                json.name("pathGlob").value(rule.pathGlob());
                json.name("linePattern").value(rule.linePattern());
                json.endObject();
            }
            json.endArray();
            // Written only when set: jobs without gentle mode keep the form older readers accept.
            if (!options.pauseBetweenRequests().isZero()) {
                DURATION.write(json.name("pauseBetweenRequests"), options.pauseBetweenRequests());
            }
            if (options.maxBytesPerSecond() != 0) {
                json.name("maxBytesPerSecond").value(options.maxBytesPerSecond());
            }
            json.endObject();
        }

        /**
         * Every option may be left out, and "options" too: a missing (or null) one takes its value from
         * {@link JobOptions#documentDefaults()}, so that a hand-written import states only what differs.
         */
        @Override
        Job readFields(JsonFields fields) throws ModelFormatException {
            JsonFields options = fields.optionalObject("options");
            JobOptions jobOptions = JobOptions.documentDefaults();
            if (options != null) {
                jobOptions = readOptions(options, jobOptions);
                options.finish();
            }
            return new Job(fields.string("id"), fields.string("componentId"), fields.string("name"),
                    fields.stringMap("parameters"), jobOptions);
        }

        private static JobOptions readOptions(JsonFields options, JobOptions defaults) throws ModelFormatException {
            List<IgnoreRule> rules = new ArrayList<>();
            if (options.has("ignoreRules")) {
                for (JsonFields rule : options.objects("ignoreRules")) {
                    rules.add(new IgnoreRule(rule.string("pathGlob"), rule.optionalString("linePattern")));
                    rule.finish();
                }
            }
            try {
                return new JobOptions(
                        options.has("maxAttempts") ? options.integer("maxAttempts") : defaults.maxAttempts(),
                        Objects.requireNonNullElse(options.optionalTime("pauseBetweenAttempts", DURATION),
                                defaults.pauseBetweenAttempts()),
                        options.optionalTime("warnIfBackupOlderThan", DURATION),
                        options.has("createVersionAutomatically") ? options.bool("createVersionAutomatically")
                                : defaults.createVersionAutomatically(),
                        options.has("includes") ? options.strings("includes") : defaults.includes(),
                        options.has("excludes") ? options.strings("excludes") : defaults.excludes(), rules,
                        Objects.requireNonNullElse(options.optionalTime("pauseBetweenRequests", DURATION),
                                defaults.pauseBetweenRequests()),
                        Objects.requireNonNullElse(options.optionalLong("maxBytesPerSecond"), defaults.maxBytesPerSecond()));
            } catch (IllegalArgumentException e) {
                throw JsonFields.invalid(options.path(), "invalid job options: " + e.getMessage());
            }
        }
    }

    /**
     * The JSON form of a {@link Run} with its {@link DeviceIdentity}, {@link RunMessage}s and, when there is
     * one, its {@link IdentityCheck}.
     */
    private static final class RunAdapter extends RecordAdapter<Run> {

        RunAdapter() {
            super(Run.class, "run", "runs");
        }

        @Override
        void writeFields(JsonWriter json, Run run) throws IOException {
            json.name("id").value(run.id());
            json.name("jobId").value(run.jobId());
            INSTANT.write(json.name("start"), run.start());
            INSTANT.write(json.name("end"), run.end());
            json.name("attempts").value(run.attempts());
            json.name("outcome").value(run.outcome().name());
            writeDevice(json, "device", run.device());
            json.name("snapshotId").value(run.snapshotId());
            json.name("serverVersionResult").value(run.serverVersionResult().name());
            json.name("previousBackupResult").value(run.previousBackupResult().name());
            json.name("messages").beginArray();
            for (RunMessage message : run.messages()) {
                json.beginObject();
                INSTANT.write(json.name("time"), message.time());
                json.name("level").value(message.level().name());
                json.name("text").value(message.text());
                json.endObject();
            }
            json.endArray();
            IdentityCheck check = run.identityCheck();
            if (check != null) { // absent when there is nothing to say, as in runs written before the check
                json.name("identityCheck").beginObject();
                json.name("kind").value(check.kind().name());
                writeDevice(json, "expected", check.expected());
                writeDevice(json, "found", check.found());
                json.name("basis").value(check.basis());
                json.endObject();
            }
        }

        @Override
        Run readFields(JsonFields fields) throws ModelFormatException {
            DeviceIdentity identity = readDevice(fields.object("device"));
            List<RunMessage> messages = new ArrayList<>();
            for (JsonFields message : fields.objects("messages")) {
                messages.add(new RunMessage(message.time("time", INSTANT), message.enumValue("level", RunMessage.Level.class),
                        message.string("text")));
                message.finish();
            }
            return new Run(fields.string("id"), fields.string("jobId"), fields.time("start", INSTANT),
                    fields.optionalTime("end", INSTANT), fields.integer("attempts"),
                    fields.enumValue("outcome", RunOutcome.class), identity, fields.optionalString("snapshotId"),
                    fields.enumValue("serverVersionResult", CompareResult.class),
                    fields.enumValue("previousBackupResult", CompareResult.class), messages,
                    readIdentityCheck(fields.optionalObject("identityCheck")));
        }

        private static IdentityCheck readIdentityCheck(JsonFields check) throws ModelFormatException {
            if (check == null) {
                return null;
            }
            IdentityCheck result = new IdentityCheck(check.enumValue("kind", IdentityCheck.Kind.class),
                    readDevice(check.object("expected")), readDevice(check.object("found")), check.string("basis"));
            check.finish();
            return result;
        }
    }

    /** The JSON form of a {@link Version}. */
    private static final class VersionAdapter extends RecordAdapter<Version> {

        VersionAdapter() {
            super(Version.class, "version", "versions");
        }

        @Override
        void writeFields(JsonWriter json, Version version) throws IOException {
            json.name("componentId").value(version.componentId());
            json.name("number").value(version.number());
            INSTANT.write(json.name("time"), version.time());
            json.name("user").value(version.user());
            json.name("comment").value(version.comment());
            json.name("snapshotId").value(version.snapshotId());
            if (!version.device().equals(DeviceIdentity.UNKNOWN)) { // absent when unknown, as before identities
                writeDevice(json, "device", version.device());
            }
        }

        @Override
        Version readFields(JsonFields fields) throws ModelFormatException {
            JsonFields device = fields.optionalObject("device");
            return new Version(fields.string("componentId"), fields.integer("number"), fields.time("time", INSTANT),
                    fields.string("user"), fields.string("comment"), fields.string("snapshotId"),
                    device == null ? DeviceIdentity.UNKNOWN : readDevice(device));
        }
    }

    /** The JSON form of a {@link Baseline}: the server version as a nested version object, or null. */
    private static final class BaselineAdapter extends RecordAdapter<Baseline> {

        private final VersionAdapter version = new VersionAdapter();

        BaselineAdapter() {
            super(Baseline.class, "baseline", "baselines");
        }

        @Override
        void writeFields(JsonWriter json, Baseline baseline) throws IOException {
            json.name("componentId").value(baseline.componentId());
            version.write(json.name("serverVersion"), baseline.serverVersion());
            json.name("previousBackupSnapshot").value(baseline.previousBackupSnapshot());
        }

        @Override
        Baseline readFields(JsonFields fields) throws ModelFormatException {
            JsonFields versionFields = fields.optionalObject("serverVersion");
            Version serverVersion = versionFields == null ? null : version.readObject(versionFields);
            return new Baseline(fields.string("componentId"), serverVersion, fields.optionalString("previousBackupSnapshot"));
        }
    }
}
