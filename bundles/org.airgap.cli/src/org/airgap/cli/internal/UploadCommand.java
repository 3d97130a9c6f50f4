package org.airgap.cli.internal;

import picocli.CommandLine.Command;

@Command(name = "upload", description = "Only upload finished runs (needs an online login).")
final class UploadCommand extends SyncCommand {

    @Override
    boolean pullFirst() {
        return false;
    }
}
