package org.airgap.client.admin.plant.internal;

import java.util.Locale;

/** Which parameter keys name a value the details pane never shows (a password, a private key, a token). */
final class SecretKeys {

    static final String MASK = "********";

    private SecretKeys() {
    }

    static boolean secret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token")
                || lower.contains("passphrase") || lower.endsWith("key");
    }
}
