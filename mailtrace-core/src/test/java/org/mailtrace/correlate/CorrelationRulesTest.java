package org.mailtrace.correlate;

import org.mailtrace.format.Formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.SmtpDecision;

/** The kernel takes what starts and ends a message, and what a session is, from the rules it is given. */
class CorrelationRulesTest {
    private final Events mx = Events.mx1();

    /** Postfix's rules, except for what a test changes. */
    private record Changed(boolean removedEnds, boolean sessions) implements CorrelationRules {
        @Override
        public String format() {
            return Events.POSTFIX.format();
        }

        @Override
        public String mtaName() {
            return Events.POSTFIX.mtaName();
        }

        @Override
        public boolean startsMessage(MailEvent e) {
            return Events.POSTFIX.startsMessage(e);
        }

        @Override
        public boolean endsMessage(MailEvent e) {
            return removedEnds && Events.POSTFIX.endsMessage(e);
        }

        @Override
        public String sessionKey(LineMeta m) {
            return sessions ? Events.POSTFIX.sessionKey(m) : null;
        }

        @Override
        public boolean joinsSession(SmtpDecision d) {
            return Events.POSTFIX.joinsSession(d);
        }

        @Override
        public String acceptedAs(SmtpDecision d) {
            return Events.POSTFIX.acceptedAs(d);
        }

        @Override
        public boolean isAddressProbe(DeliveryAttempt d) {
            return Events.POSTFIX.isAddressProbe(d);
        }
    }

    private List<MailEvent> deliveredAndRemoved() {
        return List.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, "smtp", "AAA111").to("bob@far.example").status("sent", "2.0.0", "250 ok").build(),
                mx.removed(1, "AAA111"));
    }

    private static Correlator fed(List<MailEvent> events, CorrelationRules rules) {
        Correlator c = new Correlator(CorrelationSettings.defaults(), Formats.allRules());
        events.forEach(e -> c.accept(e, rules));
        return c;
    }

    @Test
    void aMessageLeavesMemoryAfterItsGraceOnlyWhenTheRulesSayItEnded() {
        Correlator ended = fed(deliveredAndRemoved(), Events.POSTFIX);
        Correlator neverEnded = fed(deliveredAndRemoved(), new Changed(false, true));
        var afterGrace = Events.T0.plus(Correlator.GRACE).plusSeconds(60);
        ended.closeIdle(afterGrace);
        neverEnded.closeIdle(afterGrace);
        assertThat(ended.tracesInMemory()).isZero();
        assertThat(neverEnded.tracesInMemory()).as("waits for the idle limit").isEqualTo(1);
    }

    @Test
    void refusedRecipientsJoinTheMessageOfTheirSessionOnlyWhenTheRulesNameOne() {
        List<MailEvent> session = List.of(mx.connect(0, 11, "192.0.2.10"),
                mx.noqueue(1, 11, "RCPT", "192.0.2.10", 550, "5.1.1", "User unknown", "alice@remote.example",
                        "nobody@example.org"),
                mx.client(2, 11, "BBB222", "192.0.2.10"),
                mx.qmgr(3, "BBB222", "alice@remote.example", 100),
                mx.removed(4, "BBB222"),
                mx.disconnect(5, 11, "192.0.2.10"));
        assertThat(fed(session, Events.POSTFIX).drainChanges().upserted()).hasSize(1);
        assertThat(fed(session, new Changed(true, false)).drainChanges().upserted()).hasSize(2);
    }
}
