package org.airgap.protocol;

import java.time.Instant;

/**
 * The retention policy of a folder or component ({@code kind} {@value #FOLDER} or {@value #COMPONENT}).
 * In a list of the policies that are set, {@code from} is the target itself. Asked for one target, it is
 * the policy that applies there: the target's own, or the nearest one up the folder tree
 * ({@code fromKind}/{@code fromId} name where it is set); without any, {@code policy} is
 * {@link RetentionPolicy#KEEP_EVERYTHING} and {@code fromKind}, {@code fromId}, {@code setBy} and
 * {@code setAt} are {@code null}.
 */
public record RetentionSetting(String kind, String id, RetentionPolicy policy, String fromKind, String fromId,
        String setBy, Instant setAt) {

    public static final String FOLDER = "folder";
    public static final String COMPONENT = "component";
}
