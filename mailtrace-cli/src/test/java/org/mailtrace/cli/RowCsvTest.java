package org.mailtrace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowCsvTest {
    @Test
    void headerUsesMicrosoftColumnNames() {
        assertThat(RowCsv.HEADER).startsWith("Received,SenderAddress,RecipientAddress,Subject,Status,ToIP,FromIP,Size,MessageId,MessageTraceId");
    }

    @Test
    void quotesCommasAndQuotes() {
        assertThat(RowCsv.field("a, \"b\"")).isEqualTo("\"a, \"\"b\"\"\"");
    }

    @Test
    void defusesSpreadsheetFormulas() {
        assertThat(RowCsv.field("=HYPERLINK(\"x\")")).startsWith("\"'=");
        assertThat(RowCsv.field("-1")).isEqualTo("'-1");
    }
}
