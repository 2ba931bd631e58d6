package org.mailtrace.source.syslog;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP or TLS listener: an accept thread and one platform thread per connection (a mail server
 * forwards over one or a few long-lived connections, so threads are cheap here and keep the
 * backpressure simple: a thread waiting on the sink reads nothing, and the sender's window fills).
 * Because every connection costs a thread, connections are capped ({@code maxConnections}: the
 * next one is closed on accept and counted) and a connection silent for {@code idleTimeout} is
 * closed (counted), so peers that connect and send nothing cannot exhaust threads.
 *
 * <p>TLS is layered over the accepted plain socket, so stopping can close the plain socket under a
 * thread blocked in a TLS read, and a slow handshake only ever holds up its own connection.
 */
final class StreamReceiver implements SyslogReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(StreamReceiver.class);
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final long STOP_WAIT_MILLIS = 5_000;

    private final ListenerSettings settings;
    private final ListenerStats stats;
    private final FrameDelivery delivery;
    private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
    private volatile ServerSocket server;
    private volatile boolean stopping;
    private volatile int boundPort = -1;
    private long lastRefusalLog;
    private Thread acceptor;

    StreamReceiver(ListenerSettings settings, SyslogSink sink) {
        this.settings = settings;
        this.stats = new ListenerStats(settings.name(settings.port()));
        this.delivery = new FrameDelivery(sink, stats, Clock.systemUTC());
    }

    @Override
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException(name() + ": already started");
        }
        ServerSocket s = new ServerSocket();
        try {
            s.setReuseAddress(true);
            if (settings.receiveBufferBytes() > 0) {
                s.setReceiveBufferSize(settings.receiveBufferBytes()); // inherited by accepted sockets
            }
            s.bind(settings.bindAddress(), 128);
        } catch (IOException e) {
            s.close();
            throw new IOException(settings.name(settings.port()) + ": cannot listen: " + e.getMessage(), e);
        }
        server = s;
        boundPort = s.getLocalPort();
        stats.rename(settings.name(boundPort));
        acceptor = new Thread(this::acceptLoop, "syslog " + name() + " accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!stopping) {
            Socket plain;
            try {
                plain = server.accept();
            } catch (IOException e) {
                if (stopping) {
                    return;
                }
                LOG.warn("{}: accept failed: {}", name(), e.getMessage());
                pause(); // e.g. out of file descriptors: do not spin
                continue;
            }
            InetSocketAddress peer = (InetSocketAddress) plain.getRemoteSocketAddress();
            if (connections.size() >= settings.maxConnections()) {
                refuse(plain, peer);
                continue;
            }
            stats.connectionsTotal.incrementAndGet();
            Thread t = new Thread(() -> serve(plain, peer), "syslog " + name() + " from " + peer);
            t.setDaemon(true);
            connections.put(plain, t);
            if (stopping) { // stop() may have swept the map before this connection was in it
                closeQuietly(plain);
            }
            t.start();
        }
    }

    /** Closes a connection over the cap at once; logged at most once a minute so a flood cannot fill the log. */
    private void refuse(Socket plain, InetSocketAddress peer) {
        long n = stats.connectionsRefused.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastRefusalLog > TimeUnit.MINUTES.toNanos(1) || n == 1) {
            lastRefusalLog = now;
            LOG.warn("{}: refused a connection from {}: {} connections open (the cap, syslog-max-connections); {} refused since start",
                    name(), peer, connections.size(), n);
        }
        try {
            plain.setSoLinger(true, 0); // reset: no TIME_WAIT kept for a refused peer
        } catch (IOException ignored) {
            // closing anyway
        }
        closeQuietly(plain);
    }

    private void serve(Socket plain, InetSocketAddress peer) {
        stats.connectionsOpen.incrementAndGet();
        try (plain) {
            plain.setKeepAlive(true);
            plain.setSoTimeout(idleMillis());
            Socket socket = settings.tls() == null ? plain : handshake(plain, peer);
            if (socket == null) {
                return;
            }
            StreamFramer framer = new StreamFramer(socket.getInputStream(), settings.maxMessageBytes());
            Frame frame;
            while ((frame = framer.next()) != null) {
                delivery.deliverWaiting(frame, peer);
            }
            LOG.debug("{}: {} closed the connection", name(), peer);
        } catch (InterruptedException e) {
            LOG.debug("{}: connection from {} ended by stop", name(), peer);
        } catch (java.net.SocketTimeoutException e) {
            stats.idleClosed.incrementAndGet();
            LOG.info("{}: closed the connection from {}: nothing received for {} (syslog-idle-timeout); the sender reconnects"
                    + " when it has a line", name(), peer, settings.idleTimeout());
        } catch (IOException e) {
            if (!stopping) {
                LOG.info("{}: connection from {} ended: {}", name(), peer, e.getMessage());
            }
        } finally {
            stats.connectionsOpen.decrementAndGet();
            connections.remove(plain);
        }
    }

    /** The TLS session over {@code plain}, or null (counted, logged) when the handshake failed. */
    private Socket handshake(Socket plain, InetSocketAddress peer) throws IOException {
        SSLSocket tls = (SSLSocket) settings.tls().getSocketFactory()
                .createSocket(plain, peer.getHostString(), peer.getPort(), true);
        tls.setUseClientMode(false);
        tls.setEnabledProtocols(TlsServerContext.protocolsOf(tls.getSupportedProtocols()));
        plain.setSoTimeout(Math.min(HANDSHAKE_TIMEOUT_MILLIS, idleMillis()));
        try {
            tls.startHandshake();
        } catch (SSLException | java.net.SocketTimeoutException e) {
            stats.handshakeFailures.incrementAndGet();
            if (!stopping) {
                LOG.warn("{}: TLS handshake with {} failed: {}", name(), peer, e.getMessage());
            }
            return null;
        }
        plain.setSoTimeout(idleMillis());
        return tls;
    }

    private int idleMillis() {
        return (int) Math.max(1, settings.idleTimeout().toMillis());
    }

    @Override
    public int port() {
        return boundPort < 0 ? settings.port() : boundPort;
    }

    @Override
    public String name() {
        return stats.listener();
    }

    @Override
    public ListenerCounts counts() {
        return stats.snapshot();
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        if (server != null) {
            closeQuietly(server);
        }
        connections.forEach((socket, thread) -> {
            closeQuietly(socket);
            thread.interrupt(); // a thread waiting on a full sink
        });
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_WAIT_MILLIS);
        join(acceptor, deadline);
        for (Thread t : connections.values()) {
            join(t, deadline);
        }
        if (!connections.isEmpty()) {
            LOG.warn("{}: {} connection threads still running after stop", name(), connections.size());
        }
    }

    private static void join(Thread t, long deadlineNanos) {
        if (t == null) {
            return;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        try {
            t.join(Math.max(1, left));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing to stop: nothing more to do
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
