package org.airgap.driver.s7.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.ProblemKind;
import org.apache.plc4x.java.api.PlcConnection;
import org.apache.plc4x.java.api.messages.PlcReadResponse;
import org.apache.plc4x.java.api.types.PlcResponseCode;
import org.apache.plc4x.java.api.value.PlcValue;
import org.apache.plc4x.java.s7.readwrite.S7Driver;
import org.apache.plc4x.java.transport.tcp.TcpTransport;

/**
 * One connection to a PLC through PLC4X's S7 driver, with every failure turned into a
 * {@link DeviceProblemException} of the right kind, and every wait bounded by the job's timeout.
 */
final class S7Link implements AutoCloseable {

    private static final String TAG = "value";

    /** Added to the job's timeout for the S7 connection setup (see {@link #open}). */
    static final int CLASS_LOADING_GRACE_MILLIS = 5_000;

    private final S7Settings settings;
    private final PlcConnection connection;

    private S7Link(S7Settings settings, PlcConnection connection) {
        this.settings = settings;
        this.connection = connection;
    }

    /** Connects, or says why not: UNREACHABLE without TCP, PROTOCOL_ERROR when the PLC refuses the S7 connection. */
    static S7Link open(S7Settings settings) throws DeviceProblemException {
        probeTcp(settings);
        // PLC4X finds its TCP transport with a ServiceLoader on the context class loader: the transport
        // bundle's own loader sees its META-INF/services entry. PLC4X's S7 connection also waits without
        // a limit for a PLC that accepts TCP but never completes the S7 setup: it runs on a thread of ours.
        // The first connection in a JVM also loads PLC4X's protocol classes: seconds on a busy machine.
        long connectMillis = settings.timeoutMillis() + CLASS_LOADING_GRACE_MILLIS;
        AtomicReference<PlcConnection> created = new AtomicReference<>();
        CompletableFuture<PlcConnection> connected = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            Thread.currentThread().setContextClassLoader(TcpTransport.class.getClassLoader());
            try {
                created.set(new S7Driver().getConnection(settings.connectionString()));
                created.get().connect();
                connected.complete(created.get());
            } catch (Throwable e) { // NOPMD PLC4X throws a bare NullPointerException for some refusals
                connected.completeExceptionally(e);
            }
        }, "S7 connect " + settings.endpoint());
        thread.setDaemon(true);
        thread.start();
        try {
            return new S7Link(settings, connected.get(connectMillis, TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            closeQuietly(created.get());
            throw connectProblem(settings, e.getCause());
        } catch (TimeoutException e) {
            closeQuietly(created.get());
            releaseIfWaiting(thread);
            throw refused(settings, "did not complete the S7 connection within " + connectMillis + " ms");
        } catch (InterruptedException e) {
            closeQuietly(created.get());
            releaseIfWaiting(thread);
            Thread.currentThread().interrupt();
            throw new DeviceProblemException(ProblemKind.CANCELLED, "interrupted while connecting", e);
        }
    }

    /**
     * Ends the connecting thread if it waits on PLC4X's setup future, which it would forever; a thread that
     * is still loading classes is left alone: an interrupt there can break the bundle's class loading.
     */
    private static void releaseIfWaiting(Thread thread) {
        StackTraceElement[] stack = thread.getStackTrace();
        boolean parkedOnFuture = thread.getState() == Thread.State.WAITING
                && Arrays.stream(stack).anyMatch(frame -> frame.getClassName().equals(CompletableFuture.class.getName()))
                && Arrays.stream(stack).noneMatch(frame -> frame.getMethodName().equals("loadClass"));
        if (parkedOnFuture) {
            thread.interrupt();
        }
    }

    /** A plain TCP connection first: it tells an unreachable PLC from one that refuses the S7 connection. */
    private static void probeTcp(S7Settings settings) throws DeviceProblemException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(settings.host(), settings.port()), settings.timeoutMillis());
        } catch (UnknownHostException e) {
            throw unreachable(settings, "unknown host " + settings.host(), e);
        } catch (ConnectException e) {
            throw unreachable(settings, "connection refused: nothing listens on port " + settings.port(), e);
        } catch (SocketTimeoutException e) {
            throw unreachable(settings, "no answer within " + settings.timeoutMillis() + " ms", e);
        } catch (NoRouteToHostException e) {
            throw unreachable(settings, "no route to host: check the laptop's network card and subnet", e);
        } catch (IOException e) {
            throw unreachable(settings, e.getMessage(), e);
        }
    }

    private static DeviceProblemException unreachable(S7Settings settings, String why, Throwable cause) {
        return new DeviceProblemException(ProblemKind.UNREACHABLE,
                "cannot connect to the PLC at " + settings.endpoint() + ": " + why, cause);
    }

    private static DeviceProblemException connectProblem(S7Settings settings, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return unreachable(settings, "connection refused: nothing listens on port " + settings.port(), cause);
            }
        }
        if (cause instanceof NullPointerException) {
            // PLC4X's way of saying that its channel never opened.
            return unreachable(settings, "the connection closed before the S7 connection was set up", cause);
        }
        return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "the PLC at " + settings.endpoint() + " ("
                + settings.addressing() + ") refused the S7 connection: " + message(cause)
                + "; check rack and slot (or the TSAPs) and that the PLC allows PUT/GET access", cause);
    }

    private static DeviceProblemException refused(S7Settings settings, String what) {
        return new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, "the PLC at " + settings.endpoint()
                + " accepted the TCP connection but " + what + " (" + settings.addressing() + "): check rack and "
                + "slot (or the TSAPs) and that the PLC allows PUT/GET access");
    }

    /** {@code count} bytes of {@code area} from {@code offset}. */
    byte[] readBytes(String area, int offset, int count) throws DeviceProblemException {
        PlcValue value = read(AreaRange.address(area, offset, count), area + " bytes " + offset + "-"
                + (offset + count - 1));
        return (byte[]) value.getRaw();
    }

    /** A system status list part (SZL), as the PLC sends it: header, then records. */
    byte[] readSzl(int id, int index) throws DeviceProblemException {
        PlcValue value = read(String.format("SZL_ID=16#%04X;INDEX=16#%04X", id, index),
                String.format("SZL %04X index %04X", id, index));
        List<? extends PlcValue> items = value.getList();
        byte[] bytes = new byte[items.size()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = items.get(i).getByte();
        }
        return bytes;
    }

    /** Whether the PLC still answers: one small request every S7 CPU serves (its module identification). */
    boolean answers() {
        try {
            readSzl(0x0011, 0x0000);
            return true;
        } catch (DeviceProblemException e) {
            return false;
        }
    }

    private PlcValue read(String address, String what) throws DeviceProblemException {
        Future<? extends PlcReadResponse> future = connection.readRequestBuilder().addTagAddress(TAG, address).build()
                .execute();
        PlcReadResponse response;
        try {
            response = future.get(settings.timeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeviceProblemException(ProblemKind.TIMEOUT, what + ": no answer within "
                    + settings.timeoutMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, what + ": " + message(e.getCause()), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DeviceProblemException(ProblemKind.CANCELLED, what + ": interrupted", e);
        }
        PlcResponseCode code = response.getResponseCode(TAG);
        return switch (code) {
            case OK -> response.getPlcValue(TAG);
            case NOT_FOUND, INVALID_ADDRESS -> throw new DeviceProblemException(ProblemKind.NOT_FOUND, what
                    + ": the PLC says it does not exist (" + code + ")");
            case ACCESS_DENIED -> throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, what + ": access "
                    + "denied: allow PUT/GET in the PLC and use blocks without optimized access");
            default -> throw new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, what + ": the PLC answered "
                    + code);
        };
    }

    private static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public void close() {
        closeQuietly(connection);
    }

    private static void closeQuietly(PlcConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (Exception e) { // NOPMD PLC4X's S7 connection throws NullPointerException when half open
            // nothing to do: the connection is gone either way
        }
    }
}
