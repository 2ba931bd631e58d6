package org.mailtrace.format.exim;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.event.Envelope;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.QueueId;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.ParseResult;

/**
 * An ACL's refusal: {@code H=name (helo) [ip] F=<from> rejected RCPT <to>: relay not permitted},
 * {@code ... rejected MAIL <from>: ...}, {@code ... rejected after DATA: ...} (with the message ID
 * when one was given), {@code ... temporarily rejected RCPT <to>: greylisted},
 * {@code rejected EHLO from [ip]: ...}, {@code H=... rejected connection in "connect" ACL}, and the
 * ACL's silent {@code F=<from> RCPT <to>: discarded by RCPT ACL}. The same first line starts every
 * reject-log entry. Each becomes an {@link SmtpDecision} (action reject or discard, the SMTP stage,
 * the client, the envelope, the ACL's message as reply text).
 *
 * <p>Exim's log names no reply code: a temporary refusal carries DSN class {@code 4.0.0} (transient,
 * reason in the text), which is what makes the correlator wait for the client's retry.
 */
final class RejectLines {
    private static final Pattern DISCARD = Pattern.compile("(RCPT|MAIL) <([^>]*)>: discarded by (\\w+) ACL(?:: (.*))?");

    private RejectLines() {
    }

    /** Where the verb of a refusal starts, the text after it, and whether it is temporary. */
    private record Verb(int fieldsEnd, int after, boolean temporary) {
    }

    static boolean isReject(String m) {
        return locate(m) != null || discard(m) != null;
    }

    private static Verb locate(String m) {
        int i = m.startsWith("rejected ") ? 0 : m.indexOf(" rejected ");
        if (i < 0) {
            return null;
        }
        int verb = i == 0 ? 0 : i + 1;
        boolean temporary = verb >= 12 && m.startsWith("temporarily ", verb - 12);
        int fieldsEnd = temporary ? verb - 12 : verb;
        if (fieldsEnd > 0 && !fieldsOnly(m.substring(0, fieldsEnd))) {
            return null;
        }
        return new Verb(fieldsEnd, verb + "rejected ".length(), temporary);
    }

    private static Matcher discard(String m) {
        int at = m.indexOf(": discarded by ");
        if (at < 0) {
            return null;
        }
        int rcpt = Math.max(m.lastIndexOf("RCPT <", at), m.lastIndexOf("MAIL <", at));
        if (rcpt < 0 || rcpt > 0 && !fieldsOnly(m.substring(0, rcpt))) {
            return null;
        }
        Matcher x = DISCARD.matcher(m);
        return x.find(rcpt) && x.start() == rcpt ? x : null;
    }

    private static boolean fieldsOnly(String prefix) {
        return EximFields.parse(prefix, 0, true).text == null;
    }

    static ParseResult parse(LineMeta meta, QueueId id, String m) {
        Matcher d = discard(m);
        if (d != null) {
            EximFields f = EximFields.parse(m.substring(0, d.start()), 0, true);
            String stage = d.group(1);
            String from = stage.equals("MAIL") ? d.group(2) : EximFields.address(f.get("F"));
            String to = stage.equals("RCPT") ? d.group(2) : null;
            String text = "discarded by " + d.group(3) + " ACL" + (d.group(4) == null ? "" : ": " + d.group(4));
            return new ParseResult.Parsed(new SmtpDecision(meta, id, "discard", stage, f.host,
                    new SmtpReply(0, null, text), new Envelope(from, to, f.get("P"), f.helo), null));
        }
        Verb v = locate(m);
        if (v == null) {
            return new ParseResult.Malformed("exim: unparsable reject");
        }
        EximFields f = EximFields.parse(m.substring(0, v.fieldsEnd()), 0, true);
        String spec = m.substring(Math.min(v.after(), m.length()));
        String from = EximFields.address(f.get("F"));
        String to = null;
        String stage;
        int textAt;
        if (spec.startsWith("RCPT <") || spec.startsWith("MAIL <")) {
            int close = spec.indexOf('>');
            String address = close < 0 ? spec.substring(6) : spec.substring(6, close);
            stage = spec.substring(0, 4);
            if (stage.equals("RCPT")) {
                to = address;
            } else {
                from = address;
            }
            textAt = close < 0 ? -1 : spec.indexOf(": ", close);
        } else {
            stage = stage(spec);
            textAt = spec.indexOf(": ");
            if (spec.startsWith("from <") && spec.indexOf('>') > 0) {
                from = spec.substring(6, spec.indexOf('>')); // "rejected from <a> H=...: reason"
            }
        }
        String text = textAt < 0 ? null : spec.substring(textAt + 2).strip();
        if (textAt < 0 && stage == null) {
            text = spec.strip(); // "rejected because ...": the words are the reason
        }
        SmtpReply reply = v.temporary() ? new SmtpReply(0, "4.0.0", text == null ? "temporarily rejected" : text)
                : text == null || text.isEmpty() ? null : new SmtpReply(0, null, text);
        return new ParseResult.Parsed(new SmtpDecision(meta, id, "reject", stage, f.host, reply,
                new Envelope(from, to, f.get("P"), f.helo), null));
    }

    /** The SMTP stage named after "rejected": {@code after DATA}, {@code HELO from}, {@code connection}, {@code by local_scan()}. */
    private static String stage(String spec) {
        String s = spec.startsWith("after ") ? spec.substring(6) : spec;
        if (s.startsWith("by local_scan") || s.startsWith("by non-SMTP ACL") || s.startsWith("during MIME")
                || s.startsWith("DATA") || s.startsWith("BDAT")) {
            return "DATA";
        }
        if (s.startsWith("connection")) {
            return "CONNECT";
        }
        if (s.startsWith("EHLO or HELO")) {
            return "HELO";
        }
        int end = 0;
        while (end < s.length() && Character.isUpperCase(s.charAt(end))) {
            end++;
        }
        if (end >= 3 && (end == s.length() || !Character.isLetter(s.charAt(end)))) {
            return s.substring(0, end).toUpperCase(Locale.ROOT);
        }
        return null;
    }
}
