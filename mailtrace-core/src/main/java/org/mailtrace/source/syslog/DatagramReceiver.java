package org.mailtrace.source.syslog;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP listener: one thread reading datagrams into the sink without ever waiting for it, because
 * a UDP sender cannot be slowed down; what does not fit is dropped and counted. The large socket
 * receive buffer absorbs bursts while the pipeline catches up.
 */
final class DatagramReceiver implements SyslogReceiver {
    private static final Logger LOG = LoggerFactory.getLogger(DatagramReceiver.class);
    /** The largest UDP payload; a bigger buffer cannot be filled, a smaller one would cut silently. */
    private static final int MAX_DATAGRAM = 65_535;

    private final ListenerSettings settings;
    private final ListenerStats stats;
    private final FrameDelivery delivery;
    private volatile DatagramSocket socket;
    private volatile boolean stopping;
    private volatile int boundPort = -1;
    private Thread reader;

    DatagramReceiver(ListenerSettings settings, SyslogSink sink) {
        this.settings = settings;
        this.stats = new ListenerStats(settings.name(settings.port()));
        this.delivery = new FrameDelivery(sink, stats, Clock.systemUTC());
    }

    @Override
    public synchronized void start() throws IOException {
        if (socket != null) {
            throw new IllegalStateException(name() + ": already started");
        }
        DatagramSocket s = new DatagramSocket(null);
        try {
            s.setReuseAddress(true);
            if (settings.receiveBufferBytes() > 0) {
                s.setReceiveBufferSize(settings.receiveBufferBytes());
            }
            s.bind(settings.bindAddress());
        } catch (IOException e) {
            s.close();
            throw new IOException(settings.name(settings.port()) + ": cannot listen: " + e.getMessage(), e);
        }
        socket = s;
        boundPort = s.getLocalPort();
        stats.rename(settings.name(s.getLocalPort()));
        if (settings.receiveBufferBytes() > 0 && s.getReceiveBufferSize() < settings.receiveBufferBytes()) {
            LOG.info("{}: asked for a {} byte receive buffer, the kernel granted {} (raise net.core.rmem_max for fewer drops in bursts)",
                    name(), settings.receiveBufferBytes(), s.getReceiveBufferSize());
        }
        reader = new Thread(this::receive, "syslog " + name());
        reader.setDaemon(true);
        reader.start();
    }

    private void receive() {
        byte[] buf = new byte[MAX_DATAGRAM];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!stopping) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
            } catch (SocketException closed) {
                if (!stopping) {
                    LOG.error("{}: socket failed, no longer receiving: {}", name(), closed.getMessage());
                }
                return;
            } catch (IOException e) {
                LOG.warn("{}: receive failed: {}", name(), e.getMessage());
                continue;
            }
            Frame frame = DatagramFramer.frame(buf, packet.getOffset(), packet.getLength(), settings.maxMessageBytes());
            delivery.deliverOrDrop(frame, (InetSocketAddress) packet.getSocketAddress());
        }
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
        DatagramSocket s = socket;
        if (s != null) {
            s.close();
        }
        if (reader != null) {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
