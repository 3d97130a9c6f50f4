package org.airgap.client.compare.internal;

import java.util.Locale;

import org.airgap.client.compare.CompareCommands;

/** What a backup is compared with, as in the two result columns of the Jobs view. */
enum CompareBasis {
    SERVER(CompareCommands.BASIS_SERVER, "Server version \u2194 Backup", "Server version"),
    PREVIOUS(CompareCommands.BASIS_PREVIOUS, "Prev. backup \u2194 Backup", "Previous backup");

    final String parameter;
    final String label;
    final String sideLabel;

    CompareBasis(String parameter, String label, String sideLabel) {
        this.parameter = parameter;
        this.label = label;
        this.sideLabel = sideLabel;
    }

    /** The basis a command parameter names; the server version when none is given. */
    static CompareBasis of(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return SERVER;
        }
        for (CompareBasis basis : values()) {
            if (basis.parameter.equals(parameter.trim().toLowerCase(Locale.ROOT))) {
                return basis;
            }
        }
        throw new IllegalArgumentException("Unknown compare basis '" + parameter + "': use '"
                + CompareCommands.BASIS_SERVER + "' or '" + CompareCommands.BASIS_PREVIOUS + "'");
    }
}
