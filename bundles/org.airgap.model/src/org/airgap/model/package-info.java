/**
 * Airgap's domain model: the component tree, jobs, runs and versions, and their JSON form
 * (docs/formats.md).
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.model;
