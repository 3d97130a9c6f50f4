/**
 * Before and during a plant visit: the pre-flight check (offline: can each synced job run on this laptop,
 * and which device networks will the laptop need) and the connection test (each job's driver connects
 * to its device and reads its identity, nothing else).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.airgap.runner.check;
