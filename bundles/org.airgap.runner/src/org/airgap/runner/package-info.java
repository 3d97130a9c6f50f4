/** Running a synced job on site: driver, attempts, snapshot, the two compare results, the finished run. */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.runner;
