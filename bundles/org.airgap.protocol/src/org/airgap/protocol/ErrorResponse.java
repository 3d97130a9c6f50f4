package org.airgap.protocol;

/** The body of every 4xx/5xx answer: a message naming the problem, and for 401 a SessionEndReason name (else null). */
public record ErrorResponse(String error, String reason) {
}
