package io.vjepastream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a TCP port on the loopback interface that nothing listens on right now. */
final class FreePort {
    private FreePort() {
    }

    /** A port that was free a moment ago; another process may still take it before it is bound. */
    static int pick() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** Whether {@code failure}, or one of its causes, says a port was already bound. */
    static boolean wasTaken(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
