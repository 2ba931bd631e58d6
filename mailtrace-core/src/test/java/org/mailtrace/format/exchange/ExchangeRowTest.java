package org.mailtrace.format.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExchangeRowTest {

    private static ExchangeRow row(String recipients, String statuses) {
        List<String> f = new ArrayList<>(Arrays.asList(new String[ExchangeField.values().length]));
        f.replaceAll(x -> "");
        f.set(ExchangeField.RECIPIENT_ADDRESS.ordinal(), recipients);
        f.set(ExchangeField.RECIPIENT_STATUS.ordinal(), statuses);
        return ExchangeRow.ofCanonical(ExchangeCsv.join(f));
    }

    @Test
    void eachRecipientHasTheStatusInTheSamePlace() {
        ExchangeRow r = row("a@x;b@x", "250 2.1.5 Recipient OK;550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
        assertThat(r.statusOf(0, 2)).isEqualTo("250 2.1.5 Recipient OK");
        assertThat(r.statusOf(1, 2)).isEqualTo("550 5.1.1 RESOLVER.ADR.RecipNotFound; not found");
    }

    @Test
    void aStatusWithSemicolonsStaysWhole() {
        ExchangeRow r = row("a@x", "550 4.4.7 QUEUE.Expired;message expired");
        assertThat(r.statusOf(0, 1)).isEqualTo("550 4.4.7 QUEUE.Expired;message expired");
    }

    @Test
    void receiveStatusesNameTheHeaderField() {
        ExchangeRow r = row("a@x;b@x;c@x", "To;Cc;Bcc");
        assertThat(r.statusOf(2, 3)).isEqualTo("Bcc");
    }

    @Test
    void csvRoundTripsCommasQuotesAndLineBreaks() {
        List<String> fields = List.of("a,b", "say \"hi\"", "one\ntwo", "");
        assertThat(ExchangeCsv.split(ExchangeCsv.join(fields))).isEqualTo(fields);
        assertThat(ExchangeCsv.split("a,\"b\"c")).isNull();
    }
}
