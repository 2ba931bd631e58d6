package org.mailtrace.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off HTTP connections whose request headers are still incomplete {@code limit} after they
 * began (slowloris: a client sending one header byte every few seconds keeps Jetty's idle timeout
 * from ever firing and holds a connection, and a thread, for as long as it likes). An idle
 * keep-alive connection between requests is left to the idle timeout; bodies are not affected.
 *
 * <p>Added to the connector as a bean, so Jetty hands it every new connection; each connection is
 * then looked at a few times per {@code limit} on the connector's scheduler until it closes.
 */
final class HeaderDeadline implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Duration limit;
    private final long checkEveryMillis;

    HeaderDeadline(Duration limit) {
        this.limit = limit;
        this.checkEveryMillis = Math.max(50, Math.min(1000, limit.toMillis() / 4));
    }

    @Override
    public void onOpened(Connection connection) {
        if (connection instanceof HttpConnection http) {
            new Watch(http).next();
        }
    }

    @Override
    public void onClosed(Connection connection) {
        // the watch sees the closed end point and stops
    }

    /** Follows one connection: when did the headers of its current request begin? */
    private final class Watch implements Runnable {
        private final HttpConnection http;
        private long request = -1;
        private long began;

        Watch(HttpConnection http) {
            this.http = http;
        }

        void next() {
            http.getConnector().getScheduler().schedule(this, checkEveryMillis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void run() {
            if (!http.getEndPoint().isOpen()) {
                return;
            }
            HttpParser parser = http.getParser();
            boolean inHeaders = parser.inHeaderState() && !parser.isStart() && !parser.isClose() && !parser.isClosed();
            long now = System.nanoTime();
            if (!inHeaders) {
                request = -1;
            } else if (request != http.getMessagesIn()) {
                request = http.getMessagesIn();
                began = now;
            } else if (now - began >= limit.toNanos()) {
                LOG.warn("{}: request headers not complete after {} (header-timeout); closing the connection",
                        http.getEndPoint().getRemoteSocketAddress(), limit);
                http.getEndPoint().close();
                return;
            }
            next();
        }
    }
}
