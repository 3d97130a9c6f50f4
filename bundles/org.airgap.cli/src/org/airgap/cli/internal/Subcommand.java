package org.airgap.cli.internal;

import java.util.concurrent.Callable;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A command of {@code airgap}: it accepts the global options too and prints through the invocation's console. */
abstract class Subcommand implements Callable<Integer> {

    @Mixin
    GlobalOptions globals;

    @ParentCommand
    AirgapCommand airgap;
}
