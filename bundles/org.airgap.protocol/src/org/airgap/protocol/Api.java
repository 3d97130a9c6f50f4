package org.airgap.protocol;

/** Paths, headers and limits of the server's HTTP API (docs/server.md). */
public final class Api {

    public static final String HEALTH = "/api/health";
    /** POST {@link LoginRequest} → {@link LoginResponse}. */
    public static final String LOGIN = "/api/login";
    /** POST, bearer token → 204; the token is ended. */
    public static final String LOGOUT = "/api/logout";
    /** GET → {@link SessionInfo} of the bearer token. */
    public static final String SESSION = "/api/session";
    /** GET → {@link PullResponse}: what an online login syncs to the laptop. */
    public static final String SYNC = "/api/sync";
    /** GET → list of {@link JobSummary}: every job on the server the user may see. */
    public static final String JOBS = "/api/jobs";
    /** GET {@code /api/manifests/<snapshot id>} → the manifest's exact bytes (docs/formats.md). */
    public static final String MANIFESTS = "/api/manifests/";
    /**
     * {@code /api/blobs/<sha256>}: GET the blob's bytes; PUT a chunk with {@code ?offset=N&size=TOTAL}
     * → {@link BlobStatus}; GET {@code /api/blobs/<sha256>/status?size=TOTAL} → {@link BlobStatus}.
     */
    public static final String BLOBS = "/api/blobs/";
    /** POST {@link UploadRequest} → {@link UploadPlan}. */
    public static final String UPLOADS = "/api/uploads";
    /** POST {@code /api/uploads/<run id>/commit} → {@link CommitResult}; idempotent. */
    public static final String COMMIT_SUFFIX = "/commit";
    /** POST {@link AuditUpload} → {@link AuditAck}. */
    public static final String AUDIT = "/api/audit";
    /**
     * {@code /api/components/<id>/versions} GET → list of versions;
     * {@code /api/components/<id>/versions/<number>/archive} GET → the version's files as tar.gz.
     */
    public static final String COMPONENTS = "/api/components/";
    /**
     * Administrators only (403 for technicians). POST an {@link AdminImport} → {@link ImportSummary} (a
     * superset of {@link ImportReport}); {@code ?prune=true} removes what the file does not define,
     * {@code ?dryRun=true} only reports what would change.
     */
    public static final String ADMIN_IMPORT = "/api/admin/import";
    /** Administrators only: GET → list of {@link UserInfo}; POST {@link NewUser} → {@link UserInfo}. */
    public static final String ADMIN_USERS = "/api/admin/users";

    // --- audit (administrators of the whole plant)
    /**
     * GET {@code ?user=&subject=&action=&from=&to=&source=server|laptops|all&limit=&after=&order=oldest|newest} →
     * {@link AuditPage}: the server's own audit trail and the trails laptops uploaded, filtered, oldest first (or
     * newest first), each trail's chain verified.
     */
    public static final String ADMIN_AUDIT = "/api/admin/audit";
    /** GET {@code ?source=server|laptops|all} → list of {@link AuditTrailCheck}: the chains verified, no entries. */
    public static final String ADMIN_AUDIT_VERIFY = "/api/admin/audit/verify";
    /** The most entries one page of {@link #ADMIN_AUDIT} holds. */
    public static final int MAX_AUDIT_PAGE = 1000;

    // --- the plant on the running server (/api/admin/folders, /api/admin/components, /api/admin/jobs):
    // administrators only; GET lists (?archived=true also lists archived ones) or shows /<id>, POST creates,
    // PUT /<id> changes, DELETE /<id> deletes or archives (?purge=true purges an archived component),
    // POST /<id>/move takes a PlantMove, POST /<id>/restore brings an archived one back.
    /** GET → list of {@link org.airgap.model.Folder}; POST a folder; PUT, DELETE and move its {@code /<id>}. */
    public static final String ADMIN_FOLDERS = "/api/admin/folders";
    /** GET → list of {@link PlantComponent}; POST a component; PUT, DELETE, move and restore its {@code /<id>}. */
    public static final String ADMIN_COMPONENTS = "/api/admin/components";
    /** GET → list of {@link PlantJob}; POST a job; PUT, DELETE and restore its {@code /<id>}. */
    public static final String ADMIN_JOBS = "/api/admin/jobs";
    public static final String MOVE_SUFFIX = "/move";
    public static final String RESTORE_SUFFIX = "/restore";

    // --- users, roles and assignments (issue 13)
    /**
     * Administrators of the whole plant: {@code POST /api/admin/users/<name>/<change>} with a
     * {@link UserChange}, change one of {@link #USER_CHANGES} → {@link UserAccount}.
     */
    public static final String ADMIN_USER = "/api/admin/users/";
    /** The changes of {@link #ADMIN_USER}. */
    public static final java.util.List<String> USER_CHANGES = java.util.List.of("disable", "enable", "password",
            "role", "scope");
    /**
     * GET {@code ?job=ID} or {@code ?user=NAME} (both optional) → list of {@link Assignment} (a folder-scoped
     * administrator: of the jobs in their folders); POST an {@link AssignmentChange} assigns its users →
     * the job's assignments.
     */
    public static final String ADMIN_ASSIGNMENTS = "/api/admin/assignments";
    /** POST an {@link AssignmentChange}: removes those assignments → the job's assignments. */
    public static final String ADMIN_UNASSIGN = "/api/admin/assignments/remove";
    /** {@code ?offline=NAME,…} on {@link #SYNC}: the users whose offline logins the laptop keeps. */
    public static final String SYNC_OFFLINE_USERS = "offline";

    // --- runs and versions (administrators; docs/administration.md, "Runs and versions")
    /**
     * GET {@code ?component=&job=&user=&outcome=&from=&to=&limit=&after=} → {@link AdminRunPage};
     * GET {@code /api/admin/runs/<id>} → {@link AdminRunDetail}; POST {@code /api/admin/runs/<id>/checkin}
     * with a {@link CommentRequest} → the new {@link AdminVersion}.
     */
    public static final String ADMIN_RUNS = "/api/admin/runs";
    public static final String CHECKIN_SUFFIX = "/checkin";
    /**
     * GET {@code /api/admin/versions/<component>} → list of {@link AdminVersion}, newest first; POST
     * {@code /api/admin/versions/<component>/<number>/comment} with a {@link CommentRequest} → the version.
     */
    public static final String ADMIN_VERSIONS = "/api/admin/versions";

    // --- compare and overview (administrators, docs/administration.md)
    /**
     * GET {@code ?component=C&left=REF&right=REF[&path=P]} → {@link SnapshotCompare}; a REF is {@code vN}
     * (version N) or {@code run:<run id>}.
     */
    public static final String ADMIN_COMPARE = "/api/admin/compare";
    /** GET → {@link AdminOverview}. */
    public static final String ADMIN_OVERVIEW = "/api/admin/overview";

    // --- retention and garbage collection (issue 13, "Retention")
    /**
     * Administrators: GET → list of {@link RetentionSetting}, the policies set in the caller's folders;
     * {@code /api/admin/retention/folder/<id>} or {@code …/component/<id>}: GET → the {@link RetentionSetting}
     * that applies there, PUT a {@link RetentionPolicy} → the new {@link RetentionSetting}, DELETE → the one
     * that applies after.
     */
    public static final String ADMIN_RETENTION = "/api/admin/retention";
    /** Administrators of the whole plant: POST (with {@code ?dryRun=true} to only see) → {@link GcResult}. */
    public static final String ADMIN_GC = "/api/admin/gc";

    // --- client updates served by the server (issue 18, "Updates served by the Airgap server")
    /**
     * Administrators of the whole plant: PUT a p2 repository as a zip (the body, at most server.ini
     * {@code [Updates] maxRepositorySize}) → {@link PublishedUpdates}, replacing the one published before;
     * GET → the published {@link PublishedUpdates}; DELETE → withdraws it ({@link PublishedUpdates#none()}).
     */
    public static final String ADMIN_UPDATES = "/api/admin/updates";
    /** Any logged-in user: GET → the published {@link PublishedUpdates} (none: {@code publishedAt} null). */
    public static final String UPDATES = "/api/updates";
    /** Any logged-in user: GET {@code /api/updates/p2/<path>} → a file of the published repository. */
    public static final String UPDATES_P2 = "/api/updates/p2/";

    // --- laptop keys (issue 12, "Signed by the laptop, checked by the server")
    /**
     * Any logged-in user: POST a {@link LaptopRegistration} → {@link LaptopInfo}; the laptop's key, kept for the
     * user and laptop; 409 for a revoked laptop or another key under the same laptop id.
     */
    public static final String LAPTOPS = "/api/laptops";
    /**
     * Administrators of the whole plant: GET → list of {@link LaptopInfo}; POST
     * {@code /api/admin/laptops/<laptop id>/revoke} → the laptop's {@link LaptopInfo} rows, revoked.
     */
    public static final String ADMIN_LAPTOPS = "/api/admin/laptops";
    public static final String REVOKE_SUFFIX = "/revoke";
    /**
     * Open sessions (administrators of the whole plant): GET lists them ({@link OpenSession}, never a token),
     * {@code POST …/end} ends every one but the caller's ({@link SessionsEnded}).
     */
    public static final String ADMIN_SESSIONS = "/api/admin/sessions";
    public static final String END_SUFFIX = "/end";

    public static final String AUTHORIZATION = "Authorization";
    public static final String BEARER = "Bearer ";
    /** SHA-256 (hex) of a PUT chunk's bytes; the server refuses a chunk whose bytes do not match. */
    public static final String CHUNK_SHA256 = "X-Airgap-Chunk-SHA256";
    public static final String JSON = "application/json";

    /** Largest JSON request body the server accepts; larger ones get 413. */
    public static final int MAX_JSON_BYTES = 16 * 1024 * 1024;
    /** The chunk size clients use for blob uploads. */
    public static final int CHUNK_BYTES = 8 * 1024 * 1024;

    private Api() {
    }

    /**
     * The query string of {@code parameters} in their order ({@code ?component=press&limit=50}), each value
     * encoded and each {@code null} value left out; empty when all are {@code null}.
     */
    public static String query(java.util.Map<String, ?> parameters) {
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(java.net.URLEncoder.encode(value.toString(), java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return query.toString();
    }
}
