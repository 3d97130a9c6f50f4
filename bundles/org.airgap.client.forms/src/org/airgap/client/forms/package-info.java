/**
 * Forms generated from the installed drivers' parameter descriptors (docs/architecture.md, "Parameter forms"):
 * {@link org.airgap.client.forms.DriverCatalog} tracks the {@link org.airgap.driver.api.DeviceDriver} services,
 * {@link org.airgap.client.forms.ParameterForm} turns a driver's descriptors into an SWT form validated as the
 * driver validates, and {@link org.airgap.client.forms.ComponentEditorDialog} and
 * {@link org.airgap.client.forms.JobEditorDialog} edit a component's connection and a job's parameters and
 * options with it. Plain values in and out, no server calls.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.client.forms;
