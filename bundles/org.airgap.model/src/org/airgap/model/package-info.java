/**
 * Airgap's domain model: the component tree, jobs, runs and versions, and their JSON form
 * (docs/formats.md).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.model;
