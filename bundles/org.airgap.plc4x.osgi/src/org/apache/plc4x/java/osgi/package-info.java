/**
 * The Bundle-Activators that PLC4X 0.13.1's driver and transport bundles name in their manifests but that
 * no published PLC4X artifact contains. Each registers the services its bundle declares in
 * {@code META-INF/services} as OSGi services, as PLC4X's own activators did.
 */
@org.osgi.annotation.versioning.Version("0.13.1")
package org.apache.plc4x.java.osgi;
