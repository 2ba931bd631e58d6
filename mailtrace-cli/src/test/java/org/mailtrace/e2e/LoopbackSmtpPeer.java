package org.mailtrace.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailtrace.model.MailAddress;

/**
 * The "remote" mail server of the end-to-end suite: it answers each recipient by its local part so
 * that a test chooses the outcome by the address it sends to.
 *
 * <ul>
 *   <li>{@code ok*} is accepted (250), {@code reject*} refused for good (550 5.1.1),
 *       {@code defer*} refused for now (451 4.3.0), anything else is refused as unknown (550 5.1.1).</li>
 *   <li>{@code later*} is refused for now (451 4.3.0) the first time the peer sees that address,
 *       accepted (250) from then on: a deferral the sender's retry gets past.</li>
 *   <li>After DATA it says {@code 250 2.0.0 Ok: queued as PEERnnnn}, like a Postfix next hop would.</li>
 * </ul>
 */
public final class LoopbackSmtpPeer implements SmtpHandler, AutoCloseable {

    private final AtomicInteger queued = new AtomicInteger();
    private final List<SmtpMessage> accepted = new CopyOnWriteArrayList<>();
    private final Set<String> deferredOnce = ConcurrentHashMap.newKeySet();
    private SmtpServer server;

    private LoopbackSmtpPeer() {
    }

    /** Starts the peer on 127.0.0.1:{@code port} (0 picks a free port), greeting as {@code hostname}. */
    public static LoopbackSmtpPeer start(int port, String hostname) {
        LoopbackSmtpPeer peer = new LoopbackSmtpPeer();
        peer.server = SmtpServer.start(port, hostname, peer);
        return peer;
    }

    public int port() {
        return server.port();
    }

    /** Messages accepted after DATA, in arrival order, with only their accepted recipients. */
    public List<SmtpMessage> accepted() {
        return List.copyOf(accepted);
    }

    @Override
    public String recipient(String address) {
        String lower = MailAddress.localPartOf(address).toLowerCase(Locale.ROOT);
        if (lower.startsWith("ok")) {
            return "250 2.1.5 Ok";
        }
        if (lower.startsWith("later") && deferredOnce.add(address.toLowerCase(Locale.ROOT))) {
            return "451 4.3.0 <" + address + ">: Temporary failure, try again later";
        }
        if (lower.startsWith("later")) {
            return "250 2.1.5 Ok";
        }
        if (lower.startsWith("defer")) {
            return "451 4.3.0 <" + address + ">: Temporary failure, try again later";
        }
        if (lower.startsWith("reject")) {
            return "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown";
        }
        return "550 5.1.1 <" + address + ">: Recipient address rejected: no such test mailbox";
    }

    @Override
    public String message(SmtpMessage message) {
        accepted.add(message);
        return "250 2.0.0 Ok: queued as " + String.format(Locale.ROOT, "PEER%04d", queued.incrementAndGet());
    }

    @Override
    public void close() {
        server.close();
    }
}
