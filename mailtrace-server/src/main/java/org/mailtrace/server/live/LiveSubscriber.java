package org.mailtrace.server.live;

import java.util.function.Predicate;
import org.mailtrace.model.TraceRow;

/**
 * One open live view: who, which rows they may see, and where to write.
 *
 * @param user  the account, for logs
 * @param scope true for rows the user may see (their domain scope)
 * @param sink  the connection
 */
public record LiveSubscriber(String user, Predicate<TraceRow> scope, Sink sink) {

    /** The transport (server-sent events); false from a send means the peer is gone. */
    public interface Sink {
        /** Sends one named event with its data (a single line of JSON). */
        boolean send(String event, String data);

        /** Sends a keep-alive comment. */
        boolean ping();

        void close();
    }
}
