package org.airgap.protocol;

/**
 * The comment of a version: the body of a check-in ({@code POST /api/admin/runs/<id>/checkin}) and of a
 * comment edit ({@code POST /api/admin/versions/<component>/<number>/comment}).
 */
public record CommentRequest(String comment) {
}
