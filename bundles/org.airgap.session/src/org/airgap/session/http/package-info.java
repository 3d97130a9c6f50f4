/**
 * The HTTP client of the Airgap server's API shared by the session and sync services: bearer token,
 * JSON through {@link org.airgap.protocol.ProtocolJson}, and failures turned into messages that name
 * the server and the problem. Not meant for other callers: use the session and sync services.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.session.http;
