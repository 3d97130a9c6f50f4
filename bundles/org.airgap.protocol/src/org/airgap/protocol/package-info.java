/**
 * The HTTP protocol between the Airgap server and its clients (docs/server.md, "HTTP API" and "Sync
 * protocol"): the paths, the JSON messages as records, and {@link org.airgap.protocol.ProtocolJson} to
 * read and write them. Shared by the server's endpoints and the client's sync service so that both
 * sides speak exactly the same messages.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.protocol;
