package org.airgap.store;

/** What a manifest entry is. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK
}
