package org.airgap.server.core.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.airgap.model.RunSigning;
import org.airgap.protocol.LaptopInfo;
import org.airgap.server.core.Laptops;
import org.airgap.server.core.RegisteredLaptop;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The laptops' public keys in table {@code laptops} ({@link Laptops} says the rules), handed out by
 * {@link H2ServerRepository#laptops()}.
 */
final class LaptopKeys implements Laptops {

    private static final String COLUMNS = "laptop_id, user_name, public_key, registered, revoked, revoked_by";

    private final Jdbc jdbc;

    LaptopKeys(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RegisteredLaptop register(String user, String laptopId, String publicKey) throws ServerException {
        checkRegistration(laptopId, publicKey);
        return jdbc.transaction(connection -> {
            List<RegisteredLaptop> rows = Jdbc.list(connection, "SELECT " + COLUMNS
                    + " FROM laptops WHERE laptop_id = ? ORDER BY registered FOR UPDATE", LaptopKeys::row, laptopId);
            for (RegisteredLaptop row : rows) {
                if (row.revoked()) {
                    throw new ServerException(Kind.CONFLICT, "laptop " + laptopId + " was revoked by "
                            + row.info().revokedBy() + " at " + row.info().revoked()
                            + ": it cannot register again; an administrator must look at this laptop");
                }
                if (!row.publicKey().equals(publicKey)) {
                    throw new ServerException(Kind.CONFLICT, "laptop " + laptopId
                            + " is registered with another key: a laptop's key does not change");
                }
            }
            Optional<RegisteredLaptop> own = rows.stream().filter(row -> row.info().user().equals(user)).findFirst();
            if (own.isPresent()) {
                return own.get();
            }
            Jdbc.update(connection, "INSERT INTO laptops (laptop_id, user_name, public_key, registered)"
                    + " VALUES (?, ?, ?, ?)", laptopId, user, publicKey, jdbc.now());
            RegisteredLaptop created = find(connection, laptopId, user).orElseThrow();
            ServerAudit.recordChange(connection, created.info().registered(), user, "LAPTOP_REGISTER",
                    "laptop " + laptopId, "key " + created.info().fingerprint() + " registered for " + user);
            return created;
        });
    }

    /**
     * Refuses a malformed laptop id or key with BAD_REQUEST. The key must be spelled as the laptop's JDK writes it
     * (base64 with padding of the key's DER encoding): one key has one spelling, so that "a laptop's key does not
     * change" compares keys, and a stored key fits its column.
     */
    static void checkRegistration(String laptopId, String publicKey) throws ServerException {
        if (!Laptops.isLaptopId(laptopId)) {
            throw new ServerException(Kind.BAD_REQUEST, Laptops.ID_RULE);
        }
        String problem;
        try {
            PublicKey key = RunSigning.publicKey(publicKey == null ? "" : publicKey);
            problem = Base64.getEncoder().encodeToString(key.getEncoded()).equals(publicKey) ? null
                    : "not in its canonical encoding (DER, base64 with padding, as the JDK writes it)";
        } catch (GeneralSecurityException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new ServerException(Kind.BAD_REQUEST, "laptop " + laptopId + ": the public key is not an Ed25519"
                    + " key (base64 X.509): " + problem);
        }
    }

    @Override
    public Optional<RegisteredLaptop> laptop(String laptopId, String user) {
        return jdbc.read(connection -> find(connection, laptopId, user));
    }

    @Override
    public boolean hasLaptop(String user) {
        return jdbc.read(connection -> Jdbc.exists(connection, "SELECT 1 FROM laptops WHERE user_name = ?", user));
    }

    @Override
    public List<LaptopInfo> list() {
        return jdbc.read(connection -> Jdbc.list(connection, "SELECT " + COLUMNS
                + " FROM laptops ORDER BY laptop_id, user_name", LaptopKeys::row)).stream()
                .map(RegisteredLaptop::info).toList();
    }

    @Override
    public List<LaptopInfo> revoke(String laptopId, String administrator) throws ServerException {
        return jdbc.transaction(connection -> {
            if (!Jdbc.exists(connection, "SELECT 1 FROM laptops WHERE laptop_id = ?", laptopId)) {
                throw new ServerException(Kind.NOT_FOUND, "no laptop '" + laptopId + "' is registered");
            }
            int changed = Jdbc.update(connection, "UPDATE laptops SET revoked = ?, revoked_by = ?"
                    + " WHERE laptop_id = ? AND revoked IS NULL", jdbc.now(), administrator, laptopId);
            if (changed > 0) {
                ServerAudit.recordChange(connection, jdbc.now(), administrator, "LAPTOP_REVOKE", "laptop " + laptopId,
                        "revoked: its uploads are refused from now on");
            }
            return Jdbc.list(connection, "SELECT " + COLUMNS + " FROM laptops WHERE laptop_id = ? ORDER BY user_name",
                    LaptopKeys::row, laptopId).stream().map(RegisteredLaptop::info).toList();
        });
    }

    private static Optional<RegisteredLaptop> find(Connection connection, String laptopId, String user)
            throws SQLException {
        return Jdbc.first(connection, "SELECT " + COLUMNS + " FROM laptops WHERE laptop_id = ? AND user_name = ?",
                LaptopKeys::row, laptopId, user);
    }

    private static RegisteredLaptop row(ResultSet row) throws SQLException {
        String publicKey = row.getString(3);
        return new RegisteredLaptop(new LaptopInfo(row.getString(1), row.getString(2), fingerprint(publicKey),
                Jdbc.instant(row, 4), row.getObject(5) == null ? null : Jdbc.instant(row, 5), row.getString(6)), publicKey);
    }

    static String fingerprint(String publicKey) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(publicKey)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored laptop key is not base64: " + e.getMessage(), e);
        }
    }
}
