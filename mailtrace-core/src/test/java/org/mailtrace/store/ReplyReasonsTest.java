package org.mailtrace.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReplyReasonsTest {

    @Test
    void keepsTheSmtpReplyWithoutAddressesOrExplanation() {
        assertThat(ReplyReasons.normalize("Refused at RCPT by mail (smtpd): 550 5.1.1 <nosuch@example.test>: Recipient address rejected: "
                + "User unknown in local recipient table [5.1.1: the mailbox address does not exist; 550: the mailbox is unavailable]"))
                .isEqualTo("550 5.1.1 Recipient address rejected: User unknown in local recipient table");
    }

    @Test
    void takesTheRemoteReplyAfterSaidAndDropsInReplyTo() {
        assertThat(ReplyReasons.normalize("Delivery deferred, will retry, by smtp on mail via 127.0.0.1[127.0.0.1]:2526: host 127.0.0.1[127.0.0.1] said: "
                + "451 4.3.0 <defer@remote.test>: Temporary failure, try again later (in reply to RCPT TO command) [4.3.0: temporary]"))
                .isEqualTo("451 4.3.0 Temporary failure, try again later");
    }

    @Test
    void withoutAReplyCodeKeepsTheTextAfterTheFirstColon() {
        assertThat(ReplyReasons.normalize("Refused by size limit on mail (matched message size): queue file size limit exceeded"))
                .isEqualTo("queue file size limit exceeded");
        assertThat(ReplyReasons.normalize("Delivery deferred, will retry, by smtp on mail: connect to 127.0.0.1[127.0.0.1]:2599: Connection refused [4.4.1: no answer]"))
                .isEqualTo("connect to 127.0.0.1[127.0.0.1]:2599: Connection refused");
    }

    @Test
    void greylistRejectsOfDifferentRecipientsShareOneKey() {
        String a = ReplyReasons.normalize("Refused at RCPT by mail (smtpd): 451 4.7.1 <a@example.test>: Recipient address rejected: Greylisted (temporary: the client may retry)");
        String b = ReplyReasons.normalize("Refused at RCPT by mx2 (smtpd): 451 4.7.1 <b@other.test>: Recipient address rejected: Greylisted (temporary: the client may retry)");
        assertThat(a).isEqualTo(b).isEqualTo("451 4.7.1 Recipient address rejected: Greylisted");
    }

    @Test
    void blankDetailHasNoReasonAndLongOnesAreCut() {
        assertThat(ReplyReasons.normalize("  ")).isNull();
        assertThat(ReplyReasons.normalize("550 " + "x".repeat(500))).hasSize(ReplyReasons.MAX_CHARS);
    }

    /**
     * normalize skips a pattern when the text lacks a character the pattern needs; on details made
     * of every fragment those patterns look for, it must give what running every pattern gives.
     */
    @Test
    void skippingPatternsThatCannotMatchChangesNoKey() {
        List<String> fragments = List.of("Refused at RCPT by mail (smtpd): ", "host mx[192.0.2.1] said: ", "said:", "said: ",
                "550 5.1.1 ", "4.7.1 ", "451-4.3.0 ", "<a@example.test>: ", "<>: ", "<>", "b@c.test", "user@",
                " (in reply to RCPT TO command)", " (temporary: retry)", " (other)", " [5.1.1: no mailbox]", " [550: x]",
                "[127.0.0.1]", "Recipient address rejected: ", "text", "  ", "\t", "\n", " ", ": ", "x".repeat(120));
        Random random = new Random(7);
        for (int i = 0; i < 5_000; i++) {
            StringBuilder detail = new StringBuilder();
            for (int n = random.nextInt(8); n >= 0; n--) {
                detail.append(fragments.get(random.nextInt(fragments.size())));
            }
            String d = detail.toString();
            assertThat(ReplyReasons.normalize(d)).as(d).isEqualTo(everyPattern(d));
        }
    }

    /** What normalize did before it skipped patterns: every pattern on every detail. */
    private static String everyPattern(String detail) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        String s = Pattern.compile("\\s\\[(\\d\\.\\d{1,3}\\.\\d{1,3}|\\d{3}):[^\\]]*\\]").matcher(detail).replaceAll("");
        s = Pattern.compile("\\s\\((in reply to [^)]*|temporary: [^)]*)\\)").matcher(s).replaceAll("");
        Matcher said = Pattern.compile("\\bsaid:\\s").matcher(s);
        if (said.find()) {
            s = s.substring(said.end());
        }
        Matcher reply = Pattern.compile("(?<![\\w.\\[])([245]\\d\\d(?:[ -][245]\\.\\d{1,3}\\.\\d{1,3})?|[245]\\.\\d{1,3}\\.\\d{1,3})\\s").matcher(s);
        if (reply.find()) {
            s = s.substring(reply.start());
        } else {
            int colon = s.indexOf(": ");
            if (colon >= 0 && colon + 2 < s.length()) {
                s = s.substring(colon + 2);
            }
        }
        s = Pattern.compile("<[^<>\\s]*@[^<>\\s]*>:?\\s*|<>:?\\s*").matcher(s).replaceAll("");
        s = Pattern.compile("[^\\s<>()\\[\\]\"']+@[^\\s<>()\\[\\]\"',;]+").matcher(s).replaceAll("");
        s = s.replaceAll("\\s+", " ").strip();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() <= ReplyReasons.MAX_CHARS ? s : s.substring(0, ReplyReasons.MAX_CHARS);
    }
}
