package org.airgap.protocol;

import java.util.List;
import org.airgap.audit.AuditEntry;

/** POST /api/audit: local audit entries; the server keeps each once (by hash). */
public record AuditUpload(List<AuditEntry> entries) {

    public AuditUpload {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
