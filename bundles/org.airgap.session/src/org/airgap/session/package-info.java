/**
 * The technician's session on the laptop (docs/server.md, "Client sessions and offline login"): online
 * login against the Airgap server, offline login against the verifier received at the last sync, and the
 * idle and absolute limits of the server's policy enforced locally. The session is kept in the workspace
 * folder so that every process (workbench, each {@code airgap} command) sees the same one.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.session;
