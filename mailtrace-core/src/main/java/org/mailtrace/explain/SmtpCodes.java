package org.mailtrace.explain;

import java.util.Map;
import java.util.TreeMap;

import org.mailtrace.event.SmtpReply;

/**
 * Plain-words meaning of SMTP reply codes (RFC 5321) and enhanced status codes (RFC 3463 and the
 * IANA registry of RFC 5248), so a help-desk reader need not know that 5.1.1 means "no such mailbox".
 * Unknown codes fall back to the meaning of their class and subject; nothing here throws.
 */
public final class SmtpCodes {

    private static final Map<String, String> CLASSES = Map.of(
            "2", "success",
            "4", "temporary failure, the sender may retry later",
            "5", "permanent failure, the sender must not retry unchanged");

    private static final Map<String, String> SUBJECTS = Map.of(
            "0", "a problem of an unspecified kind",
            "1", "a problem with an address",
            "2", "a problem with the recipient's mailbox",
            "3", "a problem with the receiving mail system",
            "4", "a network or routing problem",
            "5", "a problem in the SMTP conversation",
            "6", "a problem with the message content or its encoding",
            "7", "a security or policy decision");

    private static final Map<String, String> DETAILS = new TreeMap<>();

    static {
        d("0.0", "no further detail was given");
        d("1.0", "something is wrong with an address");
        d("1.1", "the mailbox address does not exist at the destination");
        d("1.2", "the destination domain or host does not exist or does not take mail");
        d("1.3", "the recipient address is not written correctly");
        d("1.4", "the recipient address matches more than one mailbox");
        d("1.5", "the recipient address is valid");
        d("1.6", "the mailbox has moved and no forwarding address is known");
        d("1.7", "the sender address is not written correctly");
        d("1.8", "the sender's domain is not valid or does not accept replies");
        d("1.9", "the message was passed on to a system that does not speak standard SMTP");
        d("1.10", "the recipient's domain publishes a null MX: it takes no mail at all");
        d("2.0", "something is wrong with the recipient's mailbox");
        d("2.1", "the mailbox is disabled and accepts no mail");
        d("2.2", "the recipient's mailbox is full");
        d("2.3", "the message is larger than this mailbox accepts");
        d("2.4", "expanding a mailing list failed");
        d("3.0", "the receiving mail system has a problem");
        d("3.1", "the receiving mail system is out of storage");
        d("3.2", "the receiving system is not taking mail right now");
        d("3.3", "the receiving system cannot handle a feature the message needs");
        d("3.4", "the message is larger than the receiving system accepts");
        d("3.5", "the receiving system is misconfigured");
        d("3.6", "the message's requested priority was changed");
        d("4.0", "a network or routing problem occurred");
        d("4.1", "the destination host did not answer");
        d("4.2", "the connection to the destination broke or was refused");
        d("4.3", "a directory lookup (for example DNS) failed");
        d("4.4", "no route to the destination could be found (for example no MX or address)");
        d("4.5", "the mail system is congested");
        d("4.6", "the message is looping between mail servers");
        d("4.7", "the message stayed in the queue longer than allowed");
        d("5.0", "the SMTP conversation went wrong");
        d("5.1", "a command was not recognised or not allowed now");
        d("5.2", "a command had a syntax error");
        d("5.3", "the message has too many recipients for one transaction");
        d("5.4", "a command had invalid arguments");
        d("5.5", "the two sides do not speak the same protocol version");
        d("5.6", "an authentication exchange line was too long");
        d("6.0", "something is wrong with the content or its encoding");
        d("6.1", "the content type is not supported by the destination");
        d("6.2", "the content would need converting, and converting is forbidden");
        d("6.3", "the content would need converting, which is not possible");
        d("6.4", "the content was converted and something was lost");
        d("6.5", "converting the content failed");
        d("6.6", "the message content is no longer available");
        d("6.7", "non-ASCII addresses are not accepted");
        d("6.8", "a UTF-8 reply is required but not possible");
        d("6.9", "a message with UTF-8 headers cannot be passed on");
        d("6.10", "an internationalised address could not be handled");
        d("7.0", "a security or policy rule refused it");
        d("7.1", "delivery is not authorised: a policy or access rule refused it (often relay denied, spam or a block list)");
        d("7.2", "the sender may not send to this mailing list");
        d("7.3", "a required security conversion is not possible");
        d("7.4", "a required security feature is not supported");
        d("7.5", "a cryptographic operation failed");
        d("7.6", "a cryptographic algorithm is not supported");
        d("7.7", "the message failed an integrity check");
        d("7.8", "the login credentials were wrong");
        d("7.9", "the authentication mechanism is too weak");
        d("7.10", "encryption is required first");
        d("7.11", "this authentication mechanism needs an encrypted connection");
        d("7.12", "the account needs a password change before logging in");
        d("7.13", "the user account is disabled");
        d("7.14", "a trust relationship is required");
        d("7.15", "the message's priority is too low");
        d("7.16", "the message is too big for its priority");
        d("7.17", "the mailbox has a new owner");
        d("7.18", "the domain has a new owner");
        d("7.19", "the required-recipient-validity test could not be completed");
        d("7.20", "no valid DKIM signature was found");
        d("7.21", "no acceptable DKIM signature was found");
        d("7.22", "no valid DKIM signature from the author's domain was found");
        d("7.23", "the sending host is not allowed by the sender domain's SPF record");
        d("7.24", "checking SPF failed with an error");
        d("7.25", "the sending host's reverse DNS did not check out");
        d("7.26", "several authentication checks failed");
        d("7.27", "the sender's domain publishes a null MX, so replies are impossible");
        d("7.28", "the receiver sees a flood of similar mail");
        d("7.29", "the ARC authentication chain did not validate");
        d("7.30", "the message requires TLS all the way and the next hop cannot do it");
    }

    private static void d(String subjectDetail, String words) {
        DETAILS.put(subjectDetail, words);
    }

    private static final Map<Integer, String> REPLIES = new TreeMap<>();

    static {
        r(211, "system status reply");
        r(214, "help text");
        r(220, "the server is ready");
        r(221, "the server is closing the connection");
        r(235, "authentication succeeded");
        r(250, "accepted");
        r(251, "the user is not local; the server will forward it");
        r(252, "the address cannot be verified, but delivery will be attempted");
        r(334, "the server waits for more authentication data");
        r(354, "the server waits for the message text");
        r(421, "the server is not available now and closes the connection; the client may retry");
        r(432, "a password transition is needed");
        r(450, "the mailbox is unavailable for now (busy, or a temporary policy); the client may retry");
        r(451, "the server had a local error or asks to try again later (greylisting); the client may retry");
        r(452, "the server is short of storage or the recipient limit was reached; the client may retry");
        r(454, "TLS or authentication is temporarily unavailable; the client may retry");
        r(455, "the server cannot take these parameters now; the client may retry");
        r(500, "the command was not recognised");
        r(501, "the command's arguments were wrong");
        r(502, "the command is not implemented");
        r(503, "the commands came in the wrong order");
        r(504, "a command parameter is not implemented");
        r(521, "this host does not accept mail at all");
        r(530, "authentication is required first");
        r(534, "the authentication mechanism is too weak");
        r(535, "the login credentials were refused");
        r(538, "encryption is required for this authentication mechanism");
        r(550, "the mailbox is unavailable or the message is refused by policy; permanent, the sender must not retry");
        r(551, "the user is not local; permanent");
        r(552, "a storage or size limit was exceeded; permanent");
        r(553, "the mailbox name is not allowed; permanent");
        r(554, "the transaction failed or the message was refused; permanent");
        r(555, "the MAIL FROM or RCPT TO parameters are not recognised; permanent");
        r(556, "the domain does not accept mail; permanent");
    }

    private static void r(int code, String words) {
        REPLIES.put(code, words);
    }

    private SmtpCodes() {
    }

    /** What an enhanced status code such as {@code 5.1.1} means, or null when it is not one. */
    public static String explainStatus(String dsn) {
        if (dsn == null) {
            return null;
        }
        String[] p = dsn.trim().split("\\.");
        if (p.length != 3 || !CLASSES.containsKey(p[0]) || !p[1].matches("\\d{1,3}") || !p[2].matches("\\d{1,3}")) {
            return null;
        }
        String key = Integer.parseInt(p[1]) + "." + Integer.parseInt(p[2]);
        String what = DETAILS.get(key);
        if (what == null) {
            what = SUBJECTS.getOrDefault(String.valueOf(Integer.parseInt(p[1])), "an unregistered status");
        }
        return what + " (" + CLASSES.get(p[0]) + ")";
    }

    /** What a three-digit reply code means, or null when it is not one. */
    public static String explainReplyCode(int code) {
        if (code < 200 || code > 599) {
            return null;
        }
        String words = REPLIES.get(code);
        if (words != null) {
            return words;
        }
        return switch (code / 100) {
            case 2 -> "success";
            case 3 -> "the server waits for more input";
            case 4 -> "temporary failure; the client may retry";
            default -> "permanent failure; the sender must not retry unchanged";
        };
    }

    /**
     * The bracketed explanation appended to a reply in event details, e.g.
     * {@code [5.1.1: the mailbox address does not exist at the destination (permanent ...); 550: ...]},
     * or "" when neither the reply code nor the status code is known.
     */
    public static String explain(int code, String dsn) {
        if (dsn != null && dsn.length() > 16) {
            return compose(code, dsn);
        }
        // A log has a few dozen distinct (code, DSN) pairs and every delivery line asks for one.
        String key = code + "|" + dsn;
        String known = EXPLAINED.get(key);
        if (known == null) {
            known = compose(code, dsn);
            if (EXPLAINED.size() < 4096) {
                EXPLAINED.put(key, known);
            }
        }
        return known;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> EXPLAINED = new java.util.concurrent.ConcurrentHashMap<>();

    private static String compose(int code, String dsn) {
        StringBuilder sb = new StringBuilder();
        String status = explainStatus(dsn);
        if (status != null) {
            sb.append(dsn.trim()).append(": ").append(status);
        }
        String reply = explainReplyCode(code);
        if (reply != null) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(code).append(": ").append(reply);
        }
        return sb.length() == 0 ? "" : "[" + sb + "]";
    }

    /** {@link #explain(int, String)} for a logged reply; "" for null. */
    public static String explain(SmtpReply reply) {
        return reply == null ? "" : explain(reply.code(), reply.dsn());
    }

    // Compiled once: explainText runs for every delivery line.
    private static final java.util.regex.Pattern REPLY_IN_TEXT =
            java.util.regex.Pattern.compile("(?<![\\d.])([245]\\d\\d)(?:[ -]([245]\\.\\d{1,3}\\.\\d{1,3}))?(?![\\d.])");

    /**
     * Finds a reply code and enhanced status code at the start of free text ("550 5.1.1 ...",
     * "host x said: 550 5.1.1 ...") and explains them; "" when there are none.
     */
    public static String explainText(String text, String knownDsn) {
        int code = 0;
        String dsn = knownDsn;
        if (text != null) {
            java.util.regex.Matcher m = REPLY_IN_TEXT.matcher(text);
            if (m.find()) {
                code = Integer.parseInt(m.group(1));
                if (m.group(2) != null) {
                    dsn = m.group(2);
                }
            }
        }
        return explain(code, dsn);
    }
}
