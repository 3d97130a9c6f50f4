/**
 * The demo plant as a library: the simulated PLC and robot controller on 127.0.0.1 and the server
 * definitions of their jobs, for the demo application and for tests that need real devices.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.airgap.demo;
