/**
 * The administrator's calls to the running server from the workbench (docs/administration.md): the
 * overview, the run list and a run in full; a component's versions, comments, check-in, archives and compares
 * (the Versions view); with the online session, cancellable.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.client.admin;
