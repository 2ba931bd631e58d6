package org.mailtrace.store.opensearch;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The warnings {@link ClusterClient} logs while a test runs (retries, skipped nodes, waiting). */
final class ClientWarnings implements AutoCloseable {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ClusterClient.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    ClientWarnings() {
        appender.start();
        logger.addAppender(appender);
    }

    /** Every message so far, formatted. */
    List<String> messages() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The messages that contain this text. */
    List<String> containing(String text) {
        return messages().stream().filter(m -> m.contains(text)).toList();
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
