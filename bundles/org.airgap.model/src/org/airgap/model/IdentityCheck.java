package org.airgap.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run found when it compared the identity its device reported with the identity of its reference: the
 * component's latest version, else the previous successful backup. Only a finding is kept; the same device, or
 * identities that share no known part, leave nothing to say ({@link #of} answers {@code null}).
 *
 * @param kind     what differs
 * @param expected the reference's identity
 * @param found    the identity the run read
 * @param basis    what {@code expected} is the identity of, in words: "version 4", "the previous backup"
 */
public record IdentityCheck(Kind kind, DeviceIdentity expected, DeviceIdentity found, String basis) {

    /** What a changed identity means. */
    public enum Kind {
        /** Vendor, model or serial differ: another device than the reference's (a swapped PLC, a wrong cable). */
        DIFFERENT_DEVICE("different device"),
        /** The same device with another firmware. */
        FIRMWARE_CHANGED("firmware changed");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** In the words the views show: "different device", "firmware changed". */
        public String label() {
            return label;
        }
    }

    public IdentityCheck {
        Check.present(kind, "IdentityCheck.kind");
        Check.present(expected, "IdentityCheck.expected");
        Check.present(found, "IdentityCheck.found");
        Check.text(basis, "IdentityCheck.basis");
    }

    /**
     * The rule: only the parts both identities know are compared. A differing vendor, model or serial is a
     * different device; only a differing firmware is a firmware change.
     *
     * @return the finding, or {@code null} when there is nothing to say (same device, or nothing to compare)
     */
    public static IdentityCheck of(DeviceIdentity expected, DeviceIdentity found, String basis) {
        if (expected == null || found == null) {
            return null;
        }
        if (!differing(expected, found, false).isEmpty()) {
            return new IdentityCheck(Kind.DIFFERENT_DEVICE, expected, found, basis);
        }
        if (!differing(expected, found, true).isEmpty()) {
            return new IdentityCheck(Kind.FIRMWARE_CHANGED, expected, found, basis);
        }
        return null;
    }

    /** Whether the run's backup may become a version without someone looking at it first. */
    public boolean allowsAutomaticVersion() {
        return kind != Kind.DIFFERENT_DEVICE;
    }

    /**
     * The finding in plain words, for example "Device serial S7-123 differs from version 4's S7-999: a
     * different device?" or "Device firmware changed from version 4's V2.8 to V2.9."
     */
    public String describe() {
        if (kind == Kind.FIRMWARE_CHANGED) {
            return "Device firmware changed from " + basis + "'s " + expected.firmware() + " to " + found.firmware()
                    + ".";
        }
        List<String> parts = differing(expected, found, false);
        if (parts.isEmpty()) { // a finding read from JSON need not follow the rule
            return "The device is not " + basis + "'s: a different device?";
        }
        StringBuilder text = new StringBuilder("Device ");
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            text.append(i == 0 ? "" : ", ").append(part).append(' ').append(part(found, part))
                    .append(i == 0 ? " differs from " + basis + "'s " : " from ").append(part(expected, part));
        }
        return text.append(": a different device?").toString();
    }

    /** The names of the parts both know and that differ: vendor, model, serial; or only firmware. */
    private static List<String> differing(DeviceIdentity expected, DeviceIdentity found, boolean firmware) {
        List<String> parts = new ArrayList<>();
        for (String part : firmware ? List.of("firmware") : List.of("vendor", "model", "serial")) {
            String a = known(part(expected, part));
            String b = known(part(found, part));
            if (a != null && b != null && !a.equals(b)) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static String part(DeviceIdentity identity, String part) {
        return switch (part) {
            case "vendor" -> identity.vendor();
            case "model" -> identity.model();
            case "serial" -> identity.serial();
            case "firmware" -> identity.firmware();
            default -> throw new IllegalArgumentException(part);
        };
    }

    /** A part's value as compared: trimmed; blank counts as not known. */
    private static String known(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
