package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.USAGE;

import java.util.concurrent.Callable;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A group of commands under {@code airgap admin} ({@code folders}, {@code components}, …): named alone it
 * prints its usage, which lists its commands.
 */
abstract class AdminGroup implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }
}
