package org.airgap.server.core;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.airgap.store.s3.S3StoreSettings;

/**
 * Reads and writes a data directory's {@code server.ini} (docs/server.md, "server.ini"): sections
 * {@code [Server]}, {@code [Session]}, {@code [Security]}, {@code [Upload]}, {@code [TLS]}, {@code [Retention]}
 * {@code [Updates]}, {@code [Client]}, {@code [Database]} and {@code [Store]} with {@code key = value} lines; {@code #} and {@code ;} start comment lines. Missing keys take their
 * defaults. Anything else — an unknown section or key, a key given twice, a line without {@code =}, a bad
 * value — is refused with a message naming the file, the line and the key.
 */
public final class ServerIni {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8080;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(120);
    public static final Duration DEFAULT_MAX_SESSION_LENGTH = Duration.ofHours(48);
    /** The OWASP figure for PBKDF2-HMAC-SHA256; fewer iterations are refused. */
    public static final int MIN_PASSWORD_ITERATIONS = 600_000;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 10L << 30;
    public static final Duration DEFAULT_PART_EXPIRY = Duration.ofDays(7);
    /** The default of {@code [Client] offlineLoginDays}. */
    public static final int DEFAULT_OFFLINE_LOGIN_DAYS = 30;
    /** The most {@code [Client] offlineLoginDays} accepts: a year. */
    public static final int MAX_OFFLINE_LOGIN_DAYS = 365;
    /** The default of {@code [Updates] maxRepositorySize}. */
    public static final long DEFAULT_MAX_UPDATE_REPOSITORY_BYTES = 2L << 30;
    /** The default limit of a user's unfinished uploads, in blobs of the largest size accepted. */
    public static final int DEFAULT_PENDING_UPLOADS_PER_USER = 4;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*([smhd])");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})\\s*([kmg]?)");
    private static final Pattern SECTION = Pattern.compile("\\[\\s*([^\\]]*?)\\s*\\]");

    /** The keys of each section, in the spelling the file is written with. */
    private static final Map<String, List<String>> KEYS = Map.of(
            "Server", List.of("host", "port"),
            "Session", List.of("idleTimeout", "maxSessionLength"),
            "Security", List.of("passwordIterations", "minPasswordLength", "loginDelayAfter", "loginLockAfter",
                    "loginLockTime"),
            "Upload", List.of("maxUploadSize", "partExpiry", "maxPendingBytesPerUser"),
            "TLS", List.of("keystore", "keystorePasswordFile", "plainHttp"),
            "Retention", List.of("gcSchedule"),
            "Updates", List.of("maxRepositorySize"),
            "Client", ClientSection.KEYS,
            "Database", DatabaseSection.KEYS,
            "Store", StoreSection.KEYS);

    private static final String DEFAULTS = """
            # Airgap server settings (docs/server.md, "server.ini").
            # Lines are "key = value"; lines starting with # or ; are comments.
            # Durations take a unit: s, m, h or d (90m, 2h). Sizes: k, m or g (512m, 10g), or plain bytes.

            [Server]
            # Address to listen on: 0.0.0.0 for all interfaces, 127.0.0.1 for this machine only.
            host = 0.0.0.0
            # TCP port of the HTTP API.
            port = 8080

            [Session]
            # A session ends after this long without a request (the laptop enforces it offline too).
            idleTimeout = 120m
            # A session ends this long after its login, active or not.
            maxSessionLength = 48h

            [Security]
            # PBKDF2-HMAC-SHA256 iterations for new password hashes; at least 600000.
            passwordIterations = 600000
            # Fewest characters of a new password (airgap-server user add, the admin users endpoint).
            minPasswordLength = 12
            # Failed logins of one user name, or from one client address, after which each further
            # attempt must wait (1 s, then twice as long each time): the server answers 429 meanwhile.
            loginDelayAfter = 5
            # Failed logins after which the user name or address is locked for loginLockTime. Failures
            # older than loginLockTime are forgotten; a successful login resets the user's count.
            loginLockAfter = 10
            loginLockTime = 15m

            [Upload]
            # Largest single request body (a blob chunk, a manifest) the server accepts.
            maxUploadSize = 10g
            # Parts of blobs whose upload stopped are deleted this long after their last chunk.
            partExpiry = 7d
            # The most bytes of unfinished blob uploads one user may have on the server
            # (default: 4 times maxUploadSize); beyond it chunks are refused with 507.
            # maxPendingBytesPerUser = 40g

            [TLS]
            # The server speaks HTTPS only (TLS 1.2 and 1.3). airgap-server init generated its key and a
            # self-signed certificate in tls/server.p12, with the keystore's password in
            # tls/server.p12.password; airgap-server fingerprint prints the fingerprint that technicians
            # confirm at their first login. To use a certificate of your own instead, name a PKCS#12
            # keystore with exactly one key (same password for keystore and key) and a file whose first
            # line is that password; relative paths are in this directory. Keep both readable only by
            # the server's account.
            # keystore = /etc/airgap/server.p12
            # keystorePasswordFile = /etc/airgap/server.p12.password
            # Plain HTTP instead of HTTPS, unencrypted: only for tests and demos; the server then refuses
            # to start unless host is a loopback address (127.0.0.1, ::1).
            plainHttp = false

            [Retention]
            # When the running server collects garbage on its own (the retention policies, then the
            # files nothing kept names): daily HH:MM (local time), every <duration> such as every 6h, or off.
            gcSchedule = daily 03:00

            [Updates]
            # Largest p2 repository zip an administrator may publish for the clients (airgap admin updates
            # publish); its unpacked files may not be larger either.
            maxRepositorySize = 2g

            """ + ClientSection.DEFAULTS + "\n" + DatabaseSection.DEFAULTS + "\n" + StoreSection.DEFAULTS;

    private ServerIni() {
    }

    /** {@link #DEFAULT_PENDING_UPLOADS_PER_USER} blobs of {@code maxUploadBytes}, without overflow. */
    public static long defaultMaxPendingBytes(long maxUploadBytes) {
        return maxUploadBytes > Long.MAX_VALUE / DEFAULT_PENDING_UPLOADS_PER_USER ? Long.MAX_VALUE
                : maxUploadBytes * DEFAULT_PENDING_UPLOADS_PER_USER;
    }

    /**
     * The settings of the data directory.
     *
     * @throws ServerIniException naming the problem: no directory, no server.ini, or a wrong line
     */
    public static ServerSettings load(Path dataDirectory) throws ServerIniException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path file = directory.resolve(ServerSettings.INI_FILE);
        if (!Files.isDirectory(directory)) {
            throw new ServerIniException("the data directory " + directory
                    + " does not exist: create it with airgap-server init --data " + directory);
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ServerIniException(directory + " has no " + ServerSettings.INI_FILE
                    + ": it is not an Airgap data directory; set one up with airgap-server init --data " + directory, e);
        } catch (CharacterCodingException e) {
            throw new ServerIniException(file + " is not UTF-8 text", e);
        } catch (IOException e) {
            throw new ServerIniException(file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, Setting> values = parse(file, lines);
        gcSchedule(values); // checked at start like every key; the HTTP layer reads it (gcSchedule(Path))
        size(values, "Updates.maxRepositorySize", DEFAULT_MAX_UPDATE_REPOSITORY_BYTES); // likewise
        ClientSection.offlineLoginDays(values); // likewise
        DatabaseSection.read(directory, values); // likewise: the repository reads it (database(Path))
        StoreSection.read(directory, values); // likewise (store(Path))

        String host = text(values, "Server.host", DEFAULT_HOST);
        int port = (int) number(values, "Server.port", DEFAULT_PORT, 1, 65535);
        Duration idle = duration(values, "Session.idleTimeout", DEFAULT_IDLE_TIMEOUT);
        Duration max = duration(values, "Session.maxSessionLength", DEFAULT_MAX_SESSION_LENGTH);
        int iterations = (int) number(values, "Security.passwordIterations", MIN_PASSWORD_ITERATIONS,
                MIN_PASSWORD_ITERATIONS, Integer.MAX_VALUE);
        long maxUpload = size(values, "Upload.maxUploadSize", DEFAULT_MAX_UPLOAD_BYTES);
        Duration partExpiry = duration(values, "Upload.partExpiry", DEFAULT_PART_EXPIRY);
        long maxPending = size(values, "Upload.maxPendingBytesPerUser", defaultMaxPendingBytes(maxUpload));
        return new ServerSettings(directory, host, port, idle, max, iterations, maxUpload, partExpiry, maxPending,
                loginSettings(values), tlsSettings(directory, values));
    }

    /** The [TLS] keystore and password file, both named or neither (the generated ones), and plainHttp. */
    private static TlsSettings tlsSettings(Path directory, Map<String, Setting> values) throws ServerIniException {
        Setting keystore = values.get("TLS.keystore");
        Setting passwordFile = values.get("TLS.keystorePasswordFile");
        TlsSettings generated = TlsSettings.generated(directory);
        boolean plain = bool(values, "TLS.plainHttp", false);
        if (keystore == null && passwordFile == null) {
            return generated.withPlainHttp(plain);
        }
        if (keystore == null || passwordFile == null) {
            Setting given = keystore != null ? keystore : passwordFile;
            throw given.refused("needs " + (keystore == null ? "keystore" : "keystorePasswordFile")
                    + " in [TLS] too: name the PKCS#12 keystore and the file with its password, or neither");
        }
        return new TlsSettings(path(directory, keystore), path(directory, passwordFile), plain);
    }

    static Path path(Path directory, Setting setting) throws ServerIniException {
        if (setting.value().isEmpty()) {
            throw setting.refused("is not a file path");
        }
        try {
            return directory.resolve(setting.value()).normalize();
        } catch (InvalidPathException e) {
            throw setting.refused("is not a file path");
        }
    }

    static boolean bool(Map<String, Setting> values, String name, boolean fallback) throws ServerIniException {
        Setting setting = values.get(name);
        if (setting == null) {
            return fallback;
        }
        return switch (setting.value().toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default -> throw setting.refused("is neither true nor false");
        };
    }

    private static LoginSettings loginSettings(Map<String, Setting> values) throws ServerIniException {
        int minLength = (int) number(values, "Security.minPasswordLength", LoginSettings.DEFAULT_MIN_PASSWORD_LENGTH, 1,
                LoginSettings.MAX_PASSWORD_LENGTH);
        int delayAfter = (int) number(values, "Security.loginDelayAfter", LoginSettings.DEFAULT_LOGIN_DELAY_AFTER, 1,
                1000);
        int lockAfter = (int) number(values, "Security.loginLockAfter", LoginSettings.DEFAULT_LOGIN_LOCK_AFTER,
                delayAfter, 1000);
        Duration lockTime = duration(values, "Security.loginLockTime", LoginSettings.DEFAULT_LOGIN_LOCK_TIME);
        return new LoginSettings(minLength, delayAfter, lockAfter, lockTime);
    }

    /**
     * Writes a server.ini with the defaults and a comment for each key, creating the directory.
     *
     * @throws java.nio.file.FileAlreadyExistsException when there is one already (it is never overwritten)
     */
    public static void writeDefaults(Path dataDirectory) throws IOException {
        Files.createDirectories(dataDirectory);
        Files.writeString(dataDirectory.resolve(ServerSettings.INI_FILE), DEFAULTS, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    /**
     * {@code [Retention] gcSchedule} of the data directory's server.ini; {@link GcSchedule#DEFAULT} when
     * the key is missing, {@link GcSchedule#OFF} without a server.ini (settings made in code, as in tests).
     *
     * @throws ServerIniException naming the line of a bad value
     */
    public static GcSchedule gcSchedule(Path dataDirectory) throws ServerIniException {
        return fromFile(dataDirectory, (directory, values) -> gcSchedule(values), GcSchedule.OFF);
    }

    private static GcSchedule gcSchedule(Map<String, Setting> values) throws ServerIniException {
        Setting setting = values.get("Retention.gcSchedule");
        if (setting == null) {
            return GcSchedule.DEFAULT;
        }
        try {
            return GcSchedule.parse(setting.value(), text -> {
                try {
                    return duration(Map.of("d", new Setting("gcSchedule", text, setting.where())), "d", null);
                } catch (ServerIniException e) {
                    throw new IllegalArgumentException(e.getMessage(), e);
                }
            });
        } catch (IllegalArgumentException e) {
            throw setting.refused(e.getMessage().startsWith("is not a schedule") ? e.getMessage()
                    : "is not a schedule such as 'daily 03:00', 'every 6h' (at least 1m) or 'off'");
        }
    }

    /**
     * {@code [Updates] maxRepositorySize} of the data directory's server.ini: the largest update repository zip
     * (and its unpacked files) the server takes; the default without the key or without a server.ini.
     *
     * @throws ServerIniException naming the line of a bad value
     */
    public static long maxUpdateRepositoryBytes(Path dataDirectory) throws ServerIniException {
        return fromFile(dataDirectory, (directory, values) -> size(values, "Updates.maxRepositorySize",
                DEFAULT_MAX_UPDATE_REPOSITORY_BYTES), DEFAULT_MAX_UPDATE_REPOSITORY_BYTES);
    }

    /**
     * {@code [Client] offlineLoginDays} of the data directory's server.ini: how many days the offline login a sync
     * hands a laptop stays valid; the default without the key or without a server.ini.
     *
     * @throws ServerIniException naming the line of a bad value
     */
    public static int offlineLoginDays(Path dataDirectory) throws ServerIniException {
        return fromFile(dataDirectory, (directory, values) -> ClientSection.offlineLoginDays(values),
                DEFAULT_OFFLINE_LOGIN_DAYS);
    }

    /**
     * {@code [Database]} of the data directory's server.ini: PostgreSQL for the metadata (docs/scale-out.md),
     * or empty for the embedded H2 database (no section, or no server.ini: settings made in code).
     *
     * @throws ServerIniException naming the line of a bad or missing key
     */
    public static Optional<DatabaseSettings> database(Path dataDirectory) throws ServerIniException {
        return fromFile(dataDirectory, DatabaseSection::read, Optional.empty());
    }

    /** What {@code reader} reads from the data directory's server.ini; {@code withoutFile} when it has none. */
    private static <T> T fromFile(Path dataDirectory, SectionReader<T> reader, T withoutFile)
            throws ServerIniException {
        Path directory = dataDirectory.toAbsolutePath().normalize();
        Path file = directory.resolve(ServerSettings.INI_FILE);
        try {
            return reader.read(directory, parse(file, Files.readAllLines(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return withoutFile;
        } catch (IOException e) {
            throw new ServerIniException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads settings from the parsed lines of a data directory's server.ini. */
    @FunctionalInterface
    interface SectionReader<T> {
        T read(Path directory, Map<String, Setting> values) throws ServerIniException;
    }

    /**
     * {@code [Store]} of the data directory's server.ini: the content store in an S3 bucket
     * (docs/scale-out.md), or empty for the store in the data directory (no section, or no server.ini).
     *
     * @throws ServerIniException naming the line of a bad or missing key; never a credential (the file holds none)
     */
    public static Optional<S3StoreSettings> store(Path dataDirectory) throws ServerIniException {
        return fromFile(dataDirectory, StoreSection::read, Optional.empty());
    }

    /** One {@code key = value} line, with where it was for messages. */
    record Setting(String key, String value, String where) {
        ServerIniException refused(String problem) {
            return new ServerIniException(where + ": " + key + " = '" + value + "' " + problem);
        }
    }

    /** The settings by "Section.key", each checked to be known and given once. */
    private static Map<String, Setting> parse(Path file, List<String> lines) throws ServerIniException {
        Map<String, Setting> values = new LinkedHashMap<>();
        Map<String, String> sectionsByLowerCase = new HashMap<>();
        KEYS.keySet().forEach(name -> sectionsByLowerCase.put(name.toLowerCase(Locale.ROOT), name));
        String section = null;
        for (int index = 0; index < lines.size(); index++) {
            String where = file + " line " + (index + 1);
            String line = lines.get(index).strip();
            if (index == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            Matcher header = SECTION.matcher(line);
            if (header.matches()) {
                section = sectionsByLowerCase.get(header.group(1).toLowerCase(Locale.ROOT));
                if (section == null) {
                    throw new ServerIniException(where + ": unknown section [" + header.group(1)
                            + "]; the sections are [Server], [Session], [Security], [Upload], [TLS], [Retention],"
                            + " [Updates], [Client], [Database] and [Store]");
                }
                continue;
            }
            int equals = line.indexOf('=');
            if (equals < 0) {
                throw new ServerIniException(where + ": '" + line
                        + "' is neither a [Section] nor a key = value line");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (section == null) {
                throw new ServerIniException(where + ": " + key
                        + " comes before any section; put it under its section, e.g. [Server]");
            }
            String canonical = canonicalKey(section, key);
            if (canonical == null) {
                throw new ServerIniException(where + ": unknown key " + key + " in [" + section + "]; the keys there are "
                        + String.join(", ", KEYS.get(section)));
            }
            Setting earlier = values.get(section + "." + canonical);
            if (earlier != null) {
                throw new ServerIniException(where + ": " + canonical + " is given a second time (first at "
                        + earlier.where().substring(earlier.where().lastIndexOf(" line ") + 1) + ")");
            }
            values.put(section + "." + canonical, new Setting(canonical, value, where));
        }
        return values;
    }

    private static String canonicalKey(String section, String key) {
        for (String known : KEYS.get(section)) {
            if (known.equalsIgnoreCase(key)) {
                return known;
            }
        }
        return null;
    }

    private static String text(Map<String, Setting> values, String name, String fallback) throws ServerIniException {
        Setting setting = values.get(name);
        if (setting == null) {
            return fallback;
        }
        if (setting.value().isEmpty() || setting.value().chars().anyMatch(Character::isWhitespace)) {
            throw setting.refused("is not an address such as 0.0.0.0 or 127.0.0.1");
        }
        return setting.value();
    }

    static long number(Map<String, Setting> values, String name, long fallback, long min, long max)
            throws ServerIniException {
        Setting setting = values.get(name);
        if (setting == null) {
            return fallback;
        }
        try {
            long number = Long.parseLong(setting.value().replace("_", ""));
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw setting.refused(max == Integer.MAX_VALUE ? "is not a whole number of at least " + min
                : "is not a whole number from " + min + " to " + max);
    }

    private static Duration duration(Map<String, Setting> values, String name, Duration fallback)
            throws ServerIniException {
        Setting setting = values.get(name);
        if (setting == null) {
            return fallback;
        }
        Matcher matcher = DURATION.matcher(setting.value().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw setting.refused("is not a duration such as 90m or 2h");
        }
        long amount = Long.parseLong(matcher.group(1));
        if (amount == 0) {
            throw setting.refused("is not a duration such as 90m or 2h: it must be longer than zero");
        }
        return switch (matcher.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
        };
    }

    private static long size(Map<String, Setting> values, String name, long fallback) throws ServerIniException {
        Setting setting = values.get(name);
        if (setting == null) {
            return fallback;
        }
        Matcher matcher = SIZE.matcher(setting.value().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw setting.refused("is not a size such as 512m or 10g");
        }
        int shift = switch (matcher.group(2)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
        };
        long amount = Long.parseLong(matcher.group(1));
        if (amount > (Long.MAX_VALUE >> shift)) {
            throw setting.refused("is too large");
        }
        return amount << shift;
    }
}
