package org.airgap.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.airgap.compare.CompareEngine;
import org.airgap.model.CompareResult;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The engine as other bundles get it: a DS service. */
class CompareEngineServiceTest {

    @Test
    void theEngineIsADeclarativeService() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(StreamingCompareEngine.class);
        if ((bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
            bundle.start(Bundle.START_ACTIVATION_POLICY); // as a product does with a lazy bundle
        }
        BundleContext context = bundle.getBundleContext();
        ServiceTracker<CompareEngine, CompareEngine> tracker = new ServiceTracker<>(context, CompareEngine.class, null);
        tracker.open();
        try {
            CompareEngine engine = tracker.waitForService(10_000);
            assertNotNull(engine, "no CompareEngine service within 10 s");
            assertInstanceOf(StreamingCompareEngine.class, engine);
            TestSnapshot snapshot = new TestSnapshot().file("a.txt", "a\n");
            assertEquals(CompareResult.EQUAL, engine.compare(snapshot.manifest(), snapshot.source, snapshot.manifest(),
                    snapshot.source, List.of(), null).result());
        } finally {
            tracker.close();
        }
    }
}
