package org.mailtrace.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** The fixed loopback ports a suite's mail server listens on. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** Fails early and clearly when another program (a system mail server, an earlier run) holds {@code port}. */
    static void requireFree(int port, String needer) throws IOException {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IOException("127.0.0.1:" + port + " is already in use; " + needer + " needs it", e);
        }
    }
}
