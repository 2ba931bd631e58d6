package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.MailEvent;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.Formats;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;

class RowEffectsTest {
    private final Events mx = Events.mx1();

    /** Postfix's joining, with another MTA's row effects: a delivery agent of its own. */
    private static final class MaildropRules implements CorrelationRules {
        private final RowEffects.Delivery maildrop;

        MaildropRules(RowEffects.Delivery maildrop) {
            this.maildrop = maildrop;
        }

        @Override
        public String format() {
            return "maildrop";
        }

        @Override
        public String mtaName() {
            return "Maildrop";
        }

        @Override
        public String sessionKey(LineMeta m) {
            return CorrelationRules.byProcess(m);
        }

        @Override
        public boolean joinsSession(SmtpDecision d) {
            return true;
        }

        @Override
        public RowEffects rowEffects() {
            return new RowEffects() {
                @Override
                public Map<String, Delivery> deliveryAgents() {
                    return Map.of("maildrop", maildrop);
                }

                @Override
                public Decided decided(ContentDecision c) {
                    return "cleanup".equals(c.meta().program()) ? new Decided("reject", "maildrop filter") : null;
                }
            };
        }
    }

    private MessageTrace deliveredBy(String program, List<CorrelationRules> formats) {
        Run run = new Run(new Correlator(CorrelationSettings.defaults(), formats));
        run.feed(List.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.delivery(1, program, "AAA111").to("bob@example.org").local().build()));
        return run.only();
    }

    @Test
    void aDeliveryIsToTheMailboxOnlyWhenAFormatOfTheCorrelatorNamesItsProgramSo() {
        MessageTrace named = deliveredBy("maildrop", List.of(Events.POSTFIX, new MaildropRules(RowEffects.Delivery.MAILBOX)));
        MessageTrace unnamed = deliveredBy("maildrop", Formats.allRules());

        assertThat(named.events().get(1).event()).isEqualTo(EventType.DELIVER);
        assertThat(named.events().get(1).detail()).startsWith("Delivered to the mailbox");
        assertThat(unnamed.events().get(1).event()).isEqualTo(EventType.SEND);
        assertThat(unnamed.events().get(1).detail()).startsWith("Accepted by the next hop");
    }

    @Test
    void aDiscardingAgentDropsTheRow() {
        MessageTrace t = deliveredBy("maildrop", List.of(new MaildropRules(RowEffects.Delivery.DISCARD)));

        assertThat(t.recipients().get(0).status()).isEqualTo(DeliveryStatus.Dropped);
        assertThat(t.events().get(1).event()).isEqualTo(EventType.DROP);
    }

    @Test
    void formatsThatGiveOneProgramTwoMeaningsAreRefusedNamingIt() {
        assertThatThrownBy(() -> new Correlator(CorrelationSettings.defaults(),
                List.of(new MaildropRules(RowEffects.Delivery.MAILBOX), new MaildropRules(RowEffects.Delivery.COMMAND))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'maildrop'").hasMessageContaining("MAILBOX").hasMessageContaining("COMMAND");
    }

    @Test
    void theShippedFormatsAgreeOnEveryProgramTheyShare() {
        // Postfix and Exim both name local, pipe and discard.
        RowEffects all = RowEffects.combined(Formats.allRules().stream().map(CorrelationRules::rowEffects).toList());

        assertThat(all.deliveryAgents()).containsEntry("local", RowEffects.Delivery.MAILBOX)
                .containsEntry("pipe", RowEffects.Delivery.COMMAND).containsEntry("discard", RowEffects.Delivery.DISCARD)
                .containsEntry("storedriver", RowEffects.Delivery.MAILBOX);
        assertThat(all.queueHandling()).containsEntry("postsuper", RowEffects.QueueHandling.ADMINISTRATOR)
                .containsEntry("poisonmessage", RowEffects.QueueHandling.POISON_QUEUE);
    }

    @Test
    void theFirstFormatThatAnswersForADecisionNamesWhoDecided() {
        ContentDecision headerRule = mx.content(1, "AAA111", "reject", "header Subject: buy now", "buy now", 550,
                "5.7.1 go away", "bob@example.org");

        RowEffects postfixFirst = RowEffects.combined(List.of(Events.POSTFIX.rowEffects(),
                new MaildropRules(RowEffects.Delivery.MAILBOX).rowEffects()));
        RowEffects maildropFirst = RowEffects.combined(List.of(new MaildropRules(RowEffects.Delivery.MAILBOX).rowEffects(),
                Events.POSTFIX.rowEffects()));
        RowEffects none = RowEffects.combined(List.of());

        assertThat(postfixFirst.decided(headerRule)).isEqualTo(new RowEffects.Decided("reject", "header_checks"));
        assertThat(maildropFirst.decided(headerRule)).isEqualTo(new RowEffects.Decided("reject", "maildrop filter"));
        // No format answers: the line's own action, by its program.
        assertThat(none.decided(headerRule)).isEqualTo(new RowEffects.Decided("reject", "cleanup"));
    }

    private MessageTrace headerRuleRejectAcceptedWith(CorrelationRules lines) {
        Run run = new Run(new Correlator(CorrelationSettings.defaults(),
                List.of(Events.POSTFIX, new MaildropRules(RowEffects.Delivery.MAILBOX))));
        for (MailEvent e : List.of(mx.pickup(0, "AAA111", "alice@example.org"),
                mx.content(1, "AAA111", "reject", "header Subject: buy now", "buy now", 550, "5.7.1 go away",
                        "bob@example.org"))) {
            run.correlator.accept(e, lines);
            run.drain();
        }
        return run.only();
    }

    @Test
    void theFormatOfAPartsLinesSaysWhoDecidedEvenWhenAnotherFormatIsAskedFirst() {
        // Postfix comes first and would answer for any cleanup line; the part is the other format's.
        assertThat(headerRuleRejectAcceptedWith(new MaildropRules(RowEffects.Delivery.MAILBOX)).events().get(1).action())
                .isEqualTo("maildrop filter");
        assertThat(headerRuleRejectAcceptedWith(Events.POSTFIX).events().get(1).action()).isEqualTo("header_checks");
    }
}
