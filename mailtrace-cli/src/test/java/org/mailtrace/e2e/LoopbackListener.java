package org.mailtrace.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * A TCP listener on 127.0.0.1 that serves every connection on its own daemon thread: the part the
 * suite's test servers (SMTP peer and filters, milter) share. The session closes its socket.
 */
final class LoopbackListener implements AutoCloseable {

    private final ServerSocket socket;
    private final Consumer<Socket> session;
    private final Thread acceptor;

    private LoopbackListener(ServerSocket socket, String name, Consumer<Socket> session) {
        this.socket = socket;
        this.session = session;
        this.acceptor = new Thread(this::acceptLoop, name + "-" + socket.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port); {@code name} names the threads and errors. */
    static LoopbackListener start(int port, String name, Consumer<Socket> session) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            LoopbackListener listener = new LoopbackListener(socket, name, session);
            listener.acceptor.start();
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("127.0.0.1:" + port + ": cannot listen for " + name, e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** The thread name of this listener, e.g. {@code milter-10028}: the key of its error messages. */
    String name() {
        return acceptor.getName();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread thread = new Thread(() -> session.accept(client), acceptor.getName() + "-session");
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    System.err.println(acceptor.getName() + ": accept failed: " + e);
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
