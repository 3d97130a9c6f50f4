package org.airgap.client.forms.internal;

/** Names of the forms' widgets for UI tests. */
public final class FormIds {

    /** The SWT data key the workbench's views use too (org.airgap.client.WorkbenchIds.TEST_ID). */
    public static final String TEST_ID = "org.airgap.test.id";

    private FormIds() {
    }
}
