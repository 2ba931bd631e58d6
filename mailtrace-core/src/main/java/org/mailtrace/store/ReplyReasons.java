package org.mailtrace.store;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.model.EventType;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceEvent;

/**
 * Why a row was refused or deferred, reduced to a key that groups alike failures: the SMTP reply of
 * the event's detail without addresses, explanations or the "in reply to" tail, e.g.
 * {@code 550 5.1.1 Recipient address rejected: User unknown in local recipient table}. Stores index
 * these keys with each row so statistics never have to read traces.
 */
public final class ReplyReasons {
    /** Keys longer than this are cut: they only have to group and be readable in a top list. */
    public static final int MAX_CHARS = 200;

    private static final Pattern EXPLANATION = Pattern.compile("\\s\\[(\\d\\.\\d{1,3}\\.\\d{1,3}|\\d{3}):[^\\]]*\\]");
    private static final Pattern TAILS = Pattern.compile("\\s\\((in reply to [^)]*|temporary: [^)]*)\\)");
    private static final Pattern SAID = Pattern.compile("\\bsaid:\\s");
    private static final Pattern REPLY = Pattern.compile("(?<![\\w.\\[])([245]\\d\\d(?:[ -][245]\\.\\d{1,3}\\.\\d{1,3})?|[245]\\.\\d{1,3}\\.\\d{1,3})\\s");
    private static final Pattern BRACKETED_ADDRESS = Pattern.compile("<[^<>\\s]*@[^<>\\s]*>:?\\s*|<>:?\\s*");
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>()\\[\\]\"']+@[^\\s<>()\\[\\]\"',;]+");

    private static final Pattern BLANKS = Pattern.compile("\\s+");

    private ReplyReasons() {
    }

    /** Whether {@link #BLANKS} would change the text: a blank other than a space, or two in a row. */
    private static boolean hasBlankRun(String s) {
        boolean previousBlank = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean blank = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (blank && (c != ' ' || previousBlank)) {
                return true;
            }
            previousBlank = blank;
        }
        return false;
    }

    /** The reason of the latest REJECT or FAIL event concerning this recipient, or null. */
    public static String rejectReason(MessageTrace trace, String recipient) {
        return latest(trace, recipient == null ? "" : recipient, EventType.REJECT, EventType.FAIL);
    }

    /** The reason of the latest DEFER event concerning this recipient, or null. */
    public static String deferralReason(MessageTrace trace, String recipient) {
        return latest(trace, recipient == null ? "" : recipient, EventType.DEFER, EventType.DEFER);
    }

    /** Over the events {@code trace.eventsFor(recipient)} would select, newest first, without building that list for every row. */
    private static String latest(MessageTrace trace, String recipient, EventType a, EventType b) {
        List<TraceEvent> events = trace.events();
        for (int i = events.size() - 1; i >= 0; i--) {
            TraceEvent e = events.get(i);
            if ((e.event() == a || e.event() == b) && e.concerns(recipient)) {
                return normalize(e.detail());
            }
        }
        return null;
    }

    /**
     * The grouping key of an event detail: from the SMTP reply (after the remote's "said:" when there
     * is one) or, without a reply code, the text after the first colon; addresses, our bracketed
     * explanations and "(in reply to ...)" removed; null for a blank detail.
     */
    public static String normalize(String detail) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        // Each pattern needs a character that most details lack: testing for it first keeps the
        // indexing thread, which computes two keys per row, from running every pattern (identical
        // results; under the C1-only JIT of a one-shot ingest these patterns were 4% of that thread).
        String s = detail.indexOf('[') < 0 ? detail : EXPLANATION.matcher(detail).replaceAll("");
        if (s.indexOf('(') >= 0) {
            s = TAILS.matcher(s).replaceAll("");
        }
        if (s.contains("said:")) {
            Matcher said = SAID.matcher(s);
            if (said.find()) {
                s = s.substring(said.end());
            }
        }
        Matcher reply = REPLY.matcher(s);
        if (reply.find()) {
            s = s.substring(reply.start());
        } else {
            int colon = s.indexOf(": ");
            if (colon >= 0 && colon + 2 < s.length()) {
                s = s.substring(colon + 2);
            }
        }
        if (s.indexOf('<') >= 0) {
            s = BRACKETED_ADDRESS.matcher(s).replaceAll("");
        }
        if (s.indexOf('@') >= 0) {
            s = BARE_ADDRESS.matcher(s).replaceAll("");
        }
        if (hasBlankRun(s)) {
            s = BLANKS.matcher(s).replaceAll(" ");
        }
        s = s.strip();
        if (s.isEmpty()) {
            return null;
        }
        return s.length() <= MAX_CHARS ? s : s.substring(0, MAX_CHARS);
    }
}
