package org.mailtrace.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * One smtpd process's current SMTP session (per host/instance and pid): who is connected and which
 * refused-before-queue attempt (NOQUEUE rejects carry no queue ID) the current transaction is building.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Session {
    String clientName;
    String clientIp;
    String helo;
    String saslUser;
    Instant lastSeen;
    /** Key of the refused attempt of the current transaction, or null. */
    String attemptKey;
    /** Its envelope sender: a different sender means a new transaction. */
    String attemptSender;
    /**
     * The message this session queued last and when: a NOQUEUE reject logged in that same instant
     * belongs to it (syslog shuffled the reject after the client= line).
     */
    String messageKey;
    Instant messageAt;
    /**
     * Queue files this session opened (smtpd opens one at the first accepted RCPT): when the session
     * ends, those without a line of the sent message were abandoned by the client.
     */
    List<String> queuedKeys = new ArrayList<>();
    /** How many queue files this session opened in all: compared with the DATA count of its disconnect line. */
    int queuedCount;

    Session() {
    }

    Session(Instant time) {
        this.lastSeen = time;
    }
}
