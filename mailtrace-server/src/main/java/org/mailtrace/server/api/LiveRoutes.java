package org.mailtrace.server.api;

import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.function.Predicate;
import org.mailtrace.model.TraceRow;
import org.mailtrace.server.auth.Permission;
import org.mailtrace.server.auth.Principal;
import org.mailtrace.server.live.LiveFeed;
import org.mailtrace.server.live.LiveSubscriber;

/**
 * {@code GET /api/v1/live}: server-sent events. Each {@code rows} event carries a JSON array of rows
 * just stored or changed that the caller's scope allows; a {@code :ping} comment keeps proxies from
 * closing an idle stream.
 */
final class LiveRoutes {
    private final LiveFeed feed;

    LiveRoutes(ApiContext api) {
        this.feed = api.live();
    }

    void register(RouteTable routes) {
        routes.get("/api/v1/live", Permission.SEARCH, new SseHandler(this::open));
    }

    private void open(SseClient client) {
        Principal p = Caller.of(client.ctx());
        DomainScope scope = new DomainScope(p.user().domains());
        Predicate<TraceRow> sees = r -> scope.unrestricted() || scope.inScope(r.senderAddress()) || scope.inScope(r.recipientAddress());
        LiveSubscriber s = new LiveSubscriber(p.name(), sees, new SseSink(client));
        client.onClose(() -> feed.unsubscribe(s));
        client.keepAlive();
        feed.subscribe(s);
        client.sendComment("subscribed");
    }

    /** Serialises writes from the feed's sender and pinger threads onto one connection. */
    private record SseSink(SseClient client) implements LiveSubscriber.Sink {
        @Override
        public synchronized boolean send(String event, String data) {
            client.sendEvent(event, data);
            return !client.terminated();
        }

        @Override
        public synchronized boolean ping() {
            client.sendComment("ping");
            return !client.terminated();
        }

        @Override
        public synchronized void close() {
            client.close();
        }
    }
}
