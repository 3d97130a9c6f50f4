/**
 * The server's state behind its HTTP endpoints: settings from {@code server.ini}, the metadata
 * repository (H2) with the content store, and the in-memory sessions. The endpoints and the server's
 * command line use these services; nothing here knows HTTP.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.server.core;
