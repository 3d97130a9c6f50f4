package org.airgap.protocol;

import java.util.List;

/**
 * A page of the run list, newest backup first.
 *
 * @param next the cursor of the next page ({@code after=} this run id); null on the last page
 */
public record AdminRunPage(List<AdminRun> runs, String next) {

    public AdminRunPage {
        runs = List.copyOf(runs);
    }
}
