package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.airgap.protocol.Api;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code airgap admin retention show|set|clear}: the retention policies of folders and components on the
 * server (docs/administration.md, "Retention and garbage collection").
 */
@Command(name = "retention", synopsisSubcommandLabel = "COMMAND [ARGS]",
        description = "Show, set or clear how long the server keeps versions and run snapshots.",
        subcommands = { HelpCommand.class, AdminRetentionCommand.Show.class, AdminRetentionCommand.Set.class,
                AdminRetentionCommand.Clear.class })
final class AdminRetentionCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([hd])");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    /** A folder or a component, exactly one. */
    static final class Target {
        @Option(names = "--folder", paramLabel = "ID", required = true, description = "A folder (and what is below it).")
        String folder;

        @Option(names = "--component", paramLabel = "ID", required = true, description = "A component.")
        String component;

        String path() {
            String kind = folder != null ? RetentionSetting.FOLDER : RetentionSetting.COMPONENT;
            String id = folder != null ? folder : component;
            return Api.ADMIN_RETENTION + "/" + kind + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    .replace("+", "%20");
        }
    }

    @Command(name = "show", description = "List the policies set, or show the one that applies to a folder or component.")
    static final class Show extends AdminSubcommand {
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Target target;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            if (target != null) {
                RetentionSetting setting = server.getJson(target.path(), RetentionSetting.class);
                print(context, setting);
                return OK;
            }
            List<RetentionSetting> settings = server.getJsonList(Api.ADMIN_RETENTION, RetentionSetting.class);
            if (context.json) {
                Output.json(context.out, settings);
            } else if (settings.isEmpty()) {
                context.out.println("No retention policies are set: the server keeps everything.");
            } else {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("TARGET", "KEEP VERSIONS", "VERSIONS YOUNGER THAN", "RUN SNAPSHOTS FOR", "SET BY",
                        "SET AT"));
                for (RetentionSetting setting : settings) {
                    RetentionPolicy policy = setting.policy();
                    rows.add(List.of(setting.kind() + " " + setting.id(), policy.keepVersions() == null ? "-"
                            : String.valueOf(policy.keepVersions()), text(policy.keepVersionsFor()),
                            policy.keepRunSnapshotsFor() == null ? "all" : text(policy.keepRunSnapshotsFor()),
                            setting.setBy(), Output.time(setting.setAt())));
                }
                Output.table(context.out, rows);
            }
            return OK;
        }
    }

    @Command(name = "set", description = "Set the retention policy of a folder or component (replacing its own).")
    static final class Set extends AdminSubcommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Option(names = "--keep-versions", paramLabel = "N", description = "Keep at least the last N versions.")
        Integer keepVersions;

        @Option(names = "--keep-versions-for", paramLabel = "AGE",
                description = "Keep every version younger than AGE (such as 30d or 12h).")
        String keepVersionsFor;

        @Option(names = "--keep-runs-for", paramLabel = "AGE",
                description = "Keep the snapshots of runs for AGE after their upload (such as 90d).")
        String keepRunsFor;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            RetentionPolicy policy = new RetentionPolicy(keepVersions, duration("--keep-versions-for",
                    keepVersionsFor), duration("--keep-runs-for", keepRunsFor));
            String json = org.airgap.protocol.ProtocolJson.write(policy);
            RetentionSetting setting = server.json(server.send(server.request(target.path()).header("Content-Type",
                    Api.JSON).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()), RetentionSetting.class);
            print(context, setting);
            return OK;
        }
    }

    @Command(name = "clear", description = "Remove the own retention policy of a folder or component.")
    static final class Clear extends AdminSubcommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            RetentionSetting setting = server.json(server.send(server.request(target.path()).DELETE().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()), RetentionSetting.class);
            print(context, setting);
            return OK;
        }
    }

    /** "folder plant: keep the last 10 versions and those younger than 30 d; run snapshots for 90 d (set …)". */
    static void print(CommandContext context, RetentionSetting setting) {
        if (context.json) {
            Output.json(context.out, setting);
            return;
        }
        String target = setting.kind() + " " + setting.id();
        if (setting.fromKind() == null) {
            context.out.println(target + ": no retention policy applies: everything is kept");
            return;
        }
        String from = setting.fromKind().equals(setting.kind()) && setting.fromId().equals(setting.id()) ? "its own"
                : "from " + setting.fromKind() + " " + setting.fromId();
        context.out.println(target + ": " + describe(setting.policy()) + " (" + from + ", set by " + setting.setBy()
                + " at " + Output.time(setting.setAt()) + ")");
    }

    static String describe(RetentionPolicy policy) {
        String versions;
        if (policy.keepVersions() == null && policy.keepVersionsFor() == null) {
            versions = "keep every version";
        } else if (policy.keepVersionsFor() == null) {
            versions = "keep the last " + policy.keepVersions() + " version(s)";
        } else if (policy.keepVersions() == null) {
            versions = "keep the versions younger than " + text(policy.keepVersionsFor()) + " and the latest";
        } else {
            versions = "keep the last " + policy.keepVersions() + " version(s) and those younger than "
                    + text(policy.keepVersionsFor());
        }
        return versions + "; " + (policy.keepRunSnapshotsFor() == null ? "every run snapshot"
                : "run snapshots for " + text(policy.keepRunSnapshotsFor()));
    }

    /** "30 d", "12 h", "-". */
    static String text(Duration duration) {
        if (duration == null) {
            return "-";
        }
        return duration.toSeconds() % 86_400 == 0 ? duration.toDays() + " d" : duration.toHours() + " h";
    }

    /** "30d" or "12h"; {@code null} stays {@code null}. */
    static Duration duration(String option, String text) throws CommandException {
        if (text == null) {
            return null;
        }
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches() || Long.parseLong(matcher.group(1)) == 0) {
            throw CommandException.usage(option + " takes an age such as 30d or 12h, not '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return matcher.group(2).equals("d") ? Duration.ofDays(amount) : Duration.ofHours(amount);
    }
}
