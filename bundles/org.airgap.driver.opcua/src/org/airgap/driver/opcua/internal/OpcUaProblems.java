package org.airgap.driver.opcua.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.ProblemKind;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;

/** Turns what Milo throws into device problems a technician can act on. */
final class OpcUaProblems {

    private static final Set<String> TIMEOUTS = Set.of("Bad_Timeout", "Bad_RequestTimeout");
    private static final Set<String> LOGIN_REFUSED = Set.of("Bad_UserAccessDenied", "Bad_IdentityTokenInvalid",
            "Bad_IdentityTokenRejected");
    private static final Set<String> CONNECTION_LOST = Set.of("Bad_ConnectionClosed", "Bad_ConnectionRejected",
            "Bad_CommunicationError", "Bad_ServerNotConnected", "Bad_NotConnected", "Bad_SessionClosed",
            "Bad_SessionIdInvalid", "Bad_SecureChannelClosed", "Bad_SecureChannelIdInvalid", "Bad_Shutdown",
            "Bad_ServerHalted", "Bad_Disconnect", "Bad_NoCommunication");

    private OpcUaProblems() {
    }

    /** The name of a status code ("Bad_Timeout"), or its hex value when Milo does not know it. */
    static String statusName(long code) {
        return StatusCodes.lookup(code).map(d -> d[0]).orElse(String.format("0x%08X", code));
    }

    /** The status name of the first UaException in the causes of {@code e}, or "" when there is none. */
    static String statusName(Throwable e) {
        return UaException.extractStatusCode(e).map(s -> statusName(s.getValue())).orElse("");
    }

    /** A failure to connect, open the session or log in. */
    static DeviceProblemException connecting(OpcUaSettings settings, Throwable e) {
        String status = statusName(e);
        String where = settings.endpoint();
        if (has(e, UnknownHostException.class)) {
            return new DeviceProblemException(ProblemKind.UNREACHABLE, "unknown host '" + settings.host()
                    + "': check the endpoint URL", e);
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)
                || has(e, ClosedChannelException.class) || CONNECTION_LOST.contains(status)) {
            return new DeviceProblemException(ProblemKind.UNREACHABLE, where + " did not accept the connection ("
                    + describe(e) + "): check the device's address, that its OPC UA server runs, and the cable", e);
        }
        if (has(e, TimeoutException.class) || TIMEOUTS.contains(status)) {
            return timeout(settings, e);
        }
        if (LOGIN_REFUSED.contains(status)) {
            return new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, where + " refused the login"
                    + (settings.user() == null ? " without user (anonymous)" : " of user '" + settings.user() + "'")
                    + " (" + status + "): check the user and password", e);
        }
        if ("Bad_SecurityChecksFailed".equals(status) || "Bad_CertificateUntrusted".equals(status)) {
            return new DeviceProblemException(ProblemKind.AUTHENTICATION_FAILED, where + " refused the secure channel ("
                    + status + "): the server must trust Airgap's client certificate (see docs/drivers.md, OPC UA)", e);
        }
        return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, where + ": " + describe(e), e);
    }

    static DeviceProblemException timeout(OpcUaSettings settings, Throwable e) {
        return new DeviceProblemException(ProblemKind.TIMEOUT, settings.endpoint() + " did not answer within "
                + settings.timeoutText() + ": check the device and the network, or raise the timeout", e);
    }

    /** Whether a failure during the backup means the session or connection is gone. */
    static boolean sessionLost(Throwable e) {
        String status = statusName(e);
        return CONNECTION_LOST.contains(status) || TIMEOUTS.contains(status) || has(e, ClosedChannelException.class)
                || has(e, ConnectException.class) || has(e, TimeoutException.class);
    }

    /** A failure in words: the status name and Milo's message, or the exception. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root && !(root instanceof UaException)) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
