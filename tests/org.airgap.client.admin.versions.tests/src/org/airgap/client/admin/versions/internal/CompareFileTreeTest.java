package org.airgap.client.admin.versions.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.airgap.protocol.SnapshotCompare;
import org.junit.jupiter.api.Test;

/** How the server's compare entries become the file tree of the Versions view's compare. */
class CompareFileTreeTest {

    private static SnapshotCompare.Entry entry(String path, String status, String type) {
        return new SnapshotCompare.Entry(path, status, type, null, null, null);
    }

    @Test
    void foldersHoldTheirFilesByNameAndTakeTheirOwnStatusWhenTheServerListsThem() {
        List<CompareFileTree.Node> roots = CompareFileTree.of(List.of(entry("config", "EQUAL", "DIRECTORY"),
                entry("config/press.ini", "CHANGED", "FILE"), entry("config/a.ini", "EQUAL", "FILE"),
                entry("main.prg", "ADDED", "FILE")));
        assertEquals(List.of("config EQUAL", "main.prg ADDED"), describe(roots));
        CompareFileTree.Node config = roots.get(0);
        assertEquals("DIRECTORY", config.entry.type());
        assertEquals(List.of("a.ini EQUAL", "press.ini CHANGED"), describe(config.children()));
        assertEquals("config/press.ini", config.children().get(1).path);
    }

    @Test
    void aFolderTheServerDidNotListTakesItsWorstFilesStatus() {
        List<CompareFileTree.Node> roots = CompareFileTree.of(List.of(entry("db/DB1.table", "EQUAL", "FILE"),
                entry("db/sub/DB2.table", "REMOVED", "FILE"), entry("db/DB3.table", "IGNORED", "FILE"),
                entry("logs/x.log", "ERROR", "FILE"), entry("logs/y.log", "CHANGED", "FILE")));
        assertEquals(List.of("db REMOVED", "logs ERROR"), describe(roots));
        assertNull(roots.get(0).entry);
        assertEquals(List.of("DB1.table EQUAL", "DB3.table IGNORED", "sub REMOVED"), describe(roots.get(0).children()));
    }

    @Test
    void aFolderListedAfterItsFilesKeepsThem() {
        List<CompareFileTree.Node> roots = CompareFileTree.of(List.of(entry("a/b.txt", "ADDED", "FILE"),
                entry("a", "ADDED", "DIRECTORY")));
        assertEquals(List.of("a ADDED"), describe(roots));
        assertEquals(List.of("b.txt ADDED"), describe(roots.get(0).children()));
        assertEquals("DIRECTORY", roots.get(0).entry.type());
    }

    @Test
    void statusesReadAsWords() {
        assertEquals("Changed", CompareFileTree.label("CHANGED"));
        assertEquals("Added", CompareFileTree.label("ADDED"));
        assertEquals("SOMETHING_NEW", CompareFileTree.label("SOMETHING_NEW"));
    }

    private static List<String> describe(List<CompareFileTree.Node> nodes) {
        return nodes.stream().map(node -> node.name + " " + node.status()).toList();
    }
}
