package org.airgap.releng;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.apache.tools.ant.BuildException;
import org.apache.tools.ant.Task;

import aQute.bnd.differ.Baseline;
import aQute.bnd.differ.Baseline.Info;
import aQute.bnd.differ.DiffPluginImpl;
import aQute.bnd.header.Attrs;
import aQute.bnd.header.OSGiHeader;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Instructions;
import aQute.bnd.osgi.Jar;
import aQute.bnd.osgi.Processor;
import aQute.bnd.service.diff.Delta;
import aQute.bnd.service.diff.Diff;
import aQute.bnd.service.diff.Type;
import aQute.bnd.version.Version;

/**
 * The build's API baseline step (docs/build.md): compares the exported packages of one bundle jar with
 * the same bundle of the last release and fails when a package's API changed more than its version
 * says. bnd computes the difference and the version each change needs; the rule is ours, because bnd
 * 7 reports no package mismatch while the bundle's major version is 0 (all of ours are 0.x).
 *
 * <p>An Ant task (bundles/pom.xml runs it with maven-antrun-plugin in each bundle's verify phase):
 * the project's packaging (only {@code eclipse-plugin} is compared), its jar, the release repository's
 * {@code plugins} folder and the release's version. Packages exported with {@code x-internal} or
 * {@code x-friends} are not API. Fails the build with one paragraph per problem.
 */
public final class ApiBaseline extends Task {

    private String packaging;
    private Path bundle;
    private Path releasePlugins;
    private String release;

    public void setPackaging(String packaging) {
        this.packaging = packaging;
    }

    public void setBundle(File bundle) {
        this.bundle = bundle.toPath();
    }

    public void setReleasePlugins(File releasePlugins) {
        this.releasePlugins = releasePlugins.toPath();
    }

    public void setRelease(String release) {
        this.release = release;
    }

    @Override
    public void execute() {
        if (!"eclipse-plugin".equals(packaging)) {
            return;
        }
        try {
            String symbolicName = symbolicName(bundle);
            // The release repository holds the bundles that exported packages then.
            Optional<Path> released = releasedJar(releasePlugins, symbolicName);
            if (released.isEmpty()) {
                log(symbolicName + (exportsApi(bundle) ? " is not in release " + release + " (new API)"
                        : " exports no API package"));
                return;
            }
            List<String> problems = compare(bundle, released.get(), release);
            if (!problems.isEmpty()) {
                throw new BuildException(symbolicName + " breaks the versioning rule against release " + release
                        + " (docs/build.md, \"API baseline\"):\n" + String.join("\n", problems));
            }
            log(symbolicName + ": the exported packages agree with release " + release);
        } catch (BuildException e) {
            throw e;
        } catch (Exception e) {
            throw new BuildException("API baseline of " + bundle + " failed: " + e, e);
        }
    }

    /** One message per exported package whose version is lower than its changes need. */
    static List<String> compare(Path bundle, Path released, String release) throws Exception {
        List<String> problems = new ArrayList<>();
        try (Processor processor = new Processor();
                Jar newer = new Jar(bundle.toFile());
                Jar older = new Jar(released.toFile())) {
            Baseline baseline = new Baseline(processor, new DiffPluginImpl());
            Instructions api = apiPackages(newer, older, processor);
            for (Info info : baseline.baseline(newer, older, api)) {
                problem(info, release).ifPresent(problems::add);
            }
        }
        return problems;
    }

    private static Optional<String> problem(Info info, String release) {
        Delta delta = info.packageDiff.getDelta();
        String name = info.packageName;
        if (delta == Delta.REMOVED) {
            return Optional.of("- " + name + ": exported by release " + release
                    + " and no longer: its importers break (a package that moves to another bundle is not followed)");
        }
        if (delta == Delta.ADDED || delta == Delta.UNCHANGED) {
            return Optional.empty();
        }
        if (info.newerVersion.compareTo(info.olderVersion) < 0) {
            return Optional.of("- " + name + ": version " + info.newerVersion + " is lower than release " + release + "'s "
                    + info.olderVersion);
        }
        if ((delta == Delta.MAJOR || delta == Delta.MINOR) && info.newerVersion.compareTo(info.suggestedVersion) < 0) {
            StringBuilder message = new StringBuilder("- " + name + ": " + delta + " change, exported as "
                    + info.newerVersion + " but needs " + info.suggestedVersion + " (release " + release + ": "
                    + info.olderVersion + "); set the version in Export-Package of META-INF/MANIFEST.MF and in @Version of "
                    + "package-info.java");
            changes(info.packageDiff, name, message);
            return Optional.of(message.toString());
        }
        return Optional.empty();
    }

    /** Lists what was added or removed, down to the first member that changed. */
    private static void changes(Diff diff, String owner, StringBuilder message) {
        for (Diff child : diff.getChildren()) {
            Delta delta = child.getDelta();
            if (delta == Delta.UNCHANGED || delta == Delta.IGNORED) {
                continue;
            }
            Type type = child.getType();
            boolean member = type == Type.METHOD || type == Type.FIELD || type == Type.CONSTANT;
            boolean kind = type == Type.CLASS || type == Type.INTERFACE || type == Type.ENUM || type == Type.ANNOTATION;
            if (member || (kind && (delta == Delta.ADDED || delta == Delta.REMOVED))) {
                message.append("\n    ").append(delta.toString().toLowerCase()).append(' ')
                        .append(type.toString().toLowerCase()).append(' ')
                        .append(member ? owner + "." + child.getName() : child.getName());
            } else if (kind) {
                changes(child, child.getName(), message);
            } else {
                message.append("\n    ").append(delta.toString().toLowerCase()).append(' ')
                        .append(type.toString().toLowerCase()).append(' ').append(child.getName()).append(" of ")
                        .append(owner);
            }
        }
    }

    /** Every exported package of either jar, except those exported as internal or to friends only. */
    private static Instructions apiPackages(Jar newer, Jar older, Processor processor) throws Exception {
        List<String> selectors = new ArrayList<>();
        for (Jar jar : List.of(newer, older)) {
            for (Map.Entry<String, Attrs> export : exports(jar).entrySet()) {
                if (!isApi(export.getValue())) {
                    selectors.add("!" + export.getKey());
                }
            }
        }
        selectors.add("*");
        return new Instructions(new Parameters(String.join(",", selectors), processor));
    }

    private static boolean exportsApi(Path bundle) throws Exception {
        try (Jar jar = new Jar(bundle.toFile())) {
            return exports(jar).values().stream().anyMatch(ApiBaseline::isApi);
        }
    }

    private static boolean isApi(Attrs attributes) {
        return !attributes.containsKey("x-friends:") && !"true".equals(attributes.get("x-internal:"));
    }

    private static Parameters exports(Jar jar) throws Exception {
        return OSGiHeader.parseHeader(jar.getManifest().getMainAttributes().getValue("Export-Package"));
    }

    private static String symbolicName(Path bundle) throws Exception {
        try (JarFile jar = new JarFile(bundle.toFile())) {
            String header = jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
            return header.split(";")[0].trim();
        }
    }

    /** The release's jar of this bundle, the highest version if the repository has several. */
    private static Optional<Path> releasedJar(Path plugins, String symbolicName) throws Exception {
        if (!Files.isDirectory(plugins)) {
            throw new IllegalStateException("no release repository at " + plugins
                    + " (releng/baseline/build-release-repository.sh builds it)");
        }
        try (Stream<Path> jars = Files.list(plugins)) {
            return jars.filter(jar -> jar.getFileName().toString().startsWith(symbolicName + "_"))
                    .filter(jar -> jar.getFileName().toString().endsWith(".jar"))
                    .max(Comparator.comparing(jar -> version(jar, symbolicName)));
        }
    }

    private static Version version(Path jar, String symbolicName) {
        String file = jar.getFileName().toString();
        return Version.parseVersion(file.substring(symbolicName.length() + 1, file.length() - ".jar".length()));
    }
}
