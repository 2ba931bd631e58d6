package org.mailtrace.format.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.event.QueueId;

/** Which RECEIVE rows name the message an inbox rule forwarded ({@link ExchangeRules#forwardOf}). */
class ExchangeRulesTest {
    private static final String ORIGINAL = "<20261203091501.4F2E1A@mail.fabrikam.test>";
    private final ExchangeRules rules = new ExchangeRules();

    private static LocalSubmission receive(String program, String messageId, String reference) {
        List<String> f = new ArrayList<>(Arrays.asList(new String[ExchangeField.values().length]));
        f.replaceAll(x -> "");
        f.set(ExchangeField.MESSAGE_ID.ordinal(), messageId);
        f.set(ExchangeField.REFERENCE.ordinal(), reference);
        LineMeta meta = new LineMeta(Instant.parse("2026-12-03T09:15:03.410Z"), "mbx01.contoso.test", "exchange-md",
                program, -1, "MSGTRKMD2026120309-1.LOG:7", ExchangeCsv.join(f));
        return new LocalSubmission(meta, new QueueId("8241"), null, "bob@contoso.test");
    }

    @Test
    void anInboxRuleReceiveNamesTheMessageItWasMadeFrom() {
        assertThat(rules.forwardOf(receive("mailboxrule", "<fw@mbx01.contoso.test>", ORIGINAL))).isEqualTo(ORIGINAL);
    }

    @Test
    void otherSourcesWithAReferenceAreNoForwards() {
        // A DSN's copy received by SMTP, a resubmission: their reference is the original's, but they are no rule's message.
        assertThat(rules.forwardOf(receive("storedriver", "<n@edge01.contoso.test>", ORIGINAL))).isNull();
        assertThat(rules.forwardOf(receive("approval", "<n@edge01.contoso.test>", ORIGINAL))).isNull();
    }

    @Test
    void aReferenceThatIsNoMessageIdOrTheRowsOwnRelatesNothing() {
        assertThat(rules.forwardOf(receive("mailboxrule", "<fw@mbx01.contoso.test>", "12884902700"))).isNull();
        assertThat(rules.forwardOf(receive("mailboxrule", ORIGINAL, ORIGINAL))).isNull();
        assertThat(rules.forwardOf(receive("mailboxrule", "<fw@mbx01.contoso.test>", ""))).isNull();
    }
}
