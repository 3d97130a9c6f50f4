package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.airgap.model.Component;
import org.airgap.model.Version;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerRepository.Definitions;
import org.airgap.store.ContentStore;

/**
 * Who may read what. A technician reads the components of the jobs assigned to them: their versions,
 * the snapshots of those versions and of the latest backup, and the blobs those snapshots reference.
 * An administrator of the whole plant reads everything stored; a folder-scoped one reads as a technician
 * would whose jobs were the components in their folders.
 */
final class Access {

    /** Manifests are immutable: their blob sets can be kept. Enough for the snapshots of a busy sync. */
    private static final int CACHED_MANIFESTS = 512;

    private static final long READABLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ServerRepository repository;
    private final Map<String, Readable> readableByUser = new ConcurrentHashMap<>();
    /** Counts {@link #forgetSnapshots} calls: a set read before one is not cached after it. Guarded by itself. */
    private final AtomicLong forgettings = new AtomicLong();
    /** The clock of the cache; a seam for tests, which stop it so that nothing expires by itself. */
    volatile LongSupplier nanoTime = System::nanoTime;
    private final Map<String, Set<String>> blobsBySnapshot = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                    return size() > CACHED_MANIFESTS;
                }
            });

    Access(ServerRepository repository) {
        this.repository = repository;
    }

    /** The ids of the components of the user's jobs (an administrator's: of their folders). */
    Set<String> componentIds(UserInfo user) {
        return definitions(user).components().stream().map(Component::id).collect(Collectors.toSet());
    }

    /**
     * What the user syncs and lists: a technician their jobs, an administrator the part of the plant they
     * administer ({@link ScopedDefinitions}).
     */
    Definitions definitions(UserInfo user) {
        Definitions all = repository.definitionsFor(user);
        return user.role() == Role.ADMIN ? ScopedDefinitions.within(repository.adminScope(user.name()), all) : all;
    }

    /** Whether the user reads everything stored: an administrator of the whole plant. */
    private boolean readsEverything(UserInfo user) {
        return user.role() == Role.ADMIN && repository.adminScope(user.name()).everything();
    }

    /**
     * Whether the user may upload runs of the job: one assigned to them, or, for an administrator, a job in
     * their folders.
     */
    boolean mayRunJob(UserInfo user, String jobId) {
        if (!repository.mayAccess(user, jobId)) {
            return false;
        }
        if (user.role() != Role.ADMIN) {
            return true;
        }
        AdminScope scope = repository.adminScope(user.name());
        return scope.everything() || repository.job(jobId).flatMap(job -> repository.component(job.componentId()))
                .map(Component::folderId).filter(scope::covers).isPresent();
    }

    /**
     * @throws ServerException NOT_FOUND for an unknown component and, with the same message, for one not
     *                         among the user's jobs: the answer must not tell which ids exist
     */
    void requireComponent(UserInfo user, String componentId) throws ServerException {
        boolean known = readsEverything(user) ? repository.component(componentId).isPresent()
                : componentIds(user).contains(componentId);
        if (!known) {
            throw new ServerException(Kind.NOT_FOUND, "no component '" + componentId
                    + "' among the components of your jobs");
        }
    }

    boolean mayReadSnapshot(UserInfo user, String snapshotId) {
        ContentStore store = repository.store();
        if (readsEverything(user)) {
            return store.hasSnapshot(snapshotId);
        }
        return readableSnapshots(user, false).contains(snapshotId)
                || readableSnapshots(user, true).contains(snapshotId);
    }

    boolean mayReadBlob(UserInfo user, String sha256) throws IOException {
        ContentStore store = repository.store();
        if (readsEverything(user)) {
            return store.hasBlob(sha256);
        }
        return referencedBy(readableSnapshots(user, false), sha256)
                || referencedBy(readableSnapshots(user, true), sha256);
    }

    /**
     * The blobs among {@code blobs} that the user may read. For many blobs in a row (an upload plan, a
     * commit): the readable snapshots are asked once, fresh, and each manifest is read once.
     */
    Set<String> readableAmong(UserInfo user, Collection<String> blobs) throws IOException {
        Set<String> readable = new HashSet<>();
        if (readsEverything(user)) {
            for (String sha256 : blobs) {
                if (repository.store().hasBlob(sha256)) {
                    readable.add(sha256);
                }
            }
            return readable;
        }
        Set<String> wanted = new HashSet<>(blobs);
        for (String snapshotId : readableSnapshots(user, true)) {
            if (wanted.isEmpty()) {
                break;
            }
            Set<String> referenced = blobsOf(snapshotId);
            for (Iterator<String> it = wanted.iterator(); it.hasNext();) {
                String sha256 = it.next();
                if (referenced.contains(sha256)) {
                    readable.add(sha256);
                    it.remove();
                }
            }
        }
        return readable;
    }

    private boolean referencedBy(Set<String> snapshots, String sha256) throws IOException {
        for (String snapshotId : snapshots) {
            if (blobsOf(snapshotId).contains(sha256)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The snapshots of the user's components. A pull asks for many blobs in a row: the set is kept for a
     * few seconds instead of being queried per blob. Only a yes is taken from it: callers ask again
     * {@code fresh} before saying no, so a new version is readable at once, and a removed assignment
     * stops reading after those few seconds.
     */
    private Set<String> readableSnapshots(UserInfo user, boolean fresh) {
        long now = nanoTime.getAsLong();
        long forgettingsBefore = forgettings.get();
        Readable cached = readableByUser.get(user.name());
        if (!fresh && cached != null && now - cached.since() < READABLE_NANOS) {
            return cached.snapshots();
        }
        Set<String> snapshots = new HashSet<>();
        for (String componentId : componentIds(user)) {
            repository.versions(componentId).stream().map(Version::snapshotId).forEach(snapshots::add);
            repository.latestBackupSnapshot(componentId).ifPresent(snapshots::add);
        }
        Set<String> result = Set.copyOf(snapshots);
        synchronized (forgettings) {
            if (forgettings.get() == forgettingsBefore) {
                readableByUser.put(user.name(), new Readable(now, result));
            }
        }
        return result;
    }

    /**
     * Drops what is cached for {@code user}: after an assignment was removed or the user disabled, their
     * next read is decided fresh instead of within the few seconds of the cache.
     */
    void forget(String user) {
        readableByUser.remove(user);
    }

    /**
     * Drops what is cached for every user whose readable snapshots include one of {@code snapshotIds}: gc
     * dropped the versions or runs that named them, so their next read is decided fresh. A set being read
     * meanwhile may still name them and is therefore not cached.
     */
    void forgetSnapshots(Set<String> snapshotIds) {
        synchronized (forgettings) {
            forgettings.incrementAndGet();
            readableByUser.values().removeIf(readable -> !Collections.disjoint(readable.snapshots(), snapshotIds));
        }
    }

    private record Readable(long since, Set<String> snapshots) {
    }

    private Set<String> blobsOf(String snapshotId) throws IOException {
        Set<String> blobs = blobsBySnapshot.get(snapshotId);
        if (blobs == null) {
            blobs = Set.copyOf(repository.store().readSnapshot(snapshotId).manifest().blobs());
            blobsBySnapshot.put(snapshotId, blobs);
        }
        return blobs;
    }
}
