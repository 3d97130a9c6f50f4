package org.airgap.server.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.airgap.fuzz.Contract;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.internal.DefinitionChecks.Stored;

import com.google.gson.JsonParseException;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * An import file of {@code airgap-server import} or a body of {@code POST /api/admin/import}: read as both
 * read it, then checked by the import's rules against an empty repository with one user. Either step
 * refuses with its documented exception (JsonParseException, ServerException) and a message.
 */
class AdminImportFuzzTest {

    private static final Stored EMPTY = new Stored(Map.of(), Set.of(), Set.of(), Set.of("technician"));

    @FuzzTest(maxDuration = "10m")
    void importDefinitions(byte[] input) {
        AdminImport definitions;
        try {
            definitions = ProtocolJson.read(new String(input, StandardCharsets.UTF_8), AdminImport.class);
        } catch (JsonParseException e) {
            Contract.requireMessage(e);
            return;
        }
        try {
            DefinitionChecks.plan(definitions, EMPTY);
        } catch (ServerException e) {
            Contract.requireMessage(e);
        }
    }
}
