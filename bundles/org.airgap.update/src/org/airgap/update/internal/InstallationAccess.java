package org.airgap.update.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Who may change an installation: the rule behind {@code update} and {@code install}, in the CLI and the
 * workbench. p2 writes new bundles and features into its bundle pool, the profile into its data area and
 * bundles.info into the configuration area. When the account cannot write the installation, Equinox moves
 * the configuration area, and with it p2's data area and bundle pool, into the account's home (p2's shared
 * install): p2 then installs there and any account could add code that no administrator installed. So a
 * change is allowed only when p2 writes inside the installation and the account can write every place it
 * writes there; a per-user install only when the installation's administrator allowed it in
 * {@value #SETTINGS_FILE}.
 */
final class InstallationAccess {

    /** The installation's update settings, relative to the installation folder; absent means defaults. */
    static final String SETTINGS_FILE = "etc/updates.properties";

    /** {@code perUserInstalls = true} lets accounts install drivers into their own area (labs); default false. */
    static final String PER_USER_INSTALLS = "perUserInstalls";

    /**
     * Where p2 writes for this account.
     *
     * @param installation  the installation folder ({@code osgi.install.area})
     * @param configuration the configuration area ({@code osgi.configuration.area})
     * @param dataArea      p2's data area: its profile registry and repository preferences
     * @param bundlePool    the profile's bundle pool, where new plugins and features go
     */
    record Places(Path installation, Path configuration, Path dataArea, Path bundlePool) {
    }

    private InstallationAccess() {
    }

    /**
     * Why the account may not change the installation, or empty when it may.
     *
     * @param perUserAllowed whether a change in the account's own area is allowed (a driver install when the
     *                       installation allows per-user installs)
     * @param command        the command an administrator runs instead, after {@code bin/airgap}
     * @param writable       whether the account may write a file or folder
     */
    static Optional<String> refusal(Places places, String account, boolean perUserAllowed, String command,
            Predicate<Path> writable) {
        Path installation = places.installation();
        List<Path> outside = Stream.of(places.dataArea(), places.bundlePool(), places.configuration())
                .filter(place -> !place.startsWith(installation)).toList();
        String prefix = "The account " + account + " may not change the Airgap installation " + installation + ": ";
        String suffix = " An administrator must run it, for example: sudo " + installation.resolve("bin/airgap")
                + " " + command + ". Nothing was changed.";
        if (!outside.isEmpty()) {
            if (perUserAllowed) {
                return Optional.empty();
            }
            return Optional.of(prefix + "p2 would install into this account's own area " + outside.get(0)
                    + " instead, and the installation does not allow per-user installs (" + PER_USER_INSTALLS
                    + " in " + installation.resolve(SETTINGS_FILE) + ")." + suffix);
        }
        return firstUnwritable(places, writable)
                .map(place -> prefix + "it cannot write " + place + "." + suffix);
    }

    /** Whether the installation's administrator allows per-user installs ({@value #SETTINGS_FILE}). */
    static boolean perUserInstallsAllowed(Path installation) {
        Path settings = installation.resolve(SETTINGS_FILE);
        if (!Files.isRegularFile(settings)) {
            return false;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(settings)) {
            properties.load(in);
        } catch (IOException e) {
            // Unreadable settings allow nothing more than the default.
            return false;
        }
        return Boolean.parseBoolean(properties.getProperty(PER_USER_INSTALLS, "false").trim());
    }

    /**
     * The first place p2 writes that the account cannot: the installation folder (artifacts.xml is replaced
     * there), plugins, features, and everything in the configuration area and the data area.
     */
    private static Optional<Path> firstUnwritable(Places places, Predicate<Path> writable) {
        List<Path> checked = new ArrayList<>();
        Path installation = places.installation();
        checked.add(installation);
        checked.add(installation.resolve("artifacts.xml"));
        checked.add(places.bundlePool().resolve("plugins"));
        checked.add(places.bundlePool().resolve("features"));
        List<Path> unreadable = new ArrayList<>();
        checked.addAll(tree(places.configuration(), unreadable));
        checked.addAll(tree(places.dataArea(), unreadable));
        if (!unreadable.isEmpty()) {
            return Optional.of(unreadable.get(0));
        }
        return checked.stream().filter(Files::exists).filter(writable.negate()).findFirst();
    }

    /** The folder and everything in it; a part that cannot be listed is returned as unwritable. */
    private static List<Path> tree(Path folder, List<Path> unreadable) {
        List<Path> found = new ArrayList<>();
        if (!Files.exists(folder)) {
            return found;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    found.add(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    found.add(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    unreadable.add(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unreadable.add(folder);
        }
        return found;
    }

    /** The path as the file system knows it (symbolic links resolved), so that places compare reliably. */
    static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            return absolute;
        }
    }
}
