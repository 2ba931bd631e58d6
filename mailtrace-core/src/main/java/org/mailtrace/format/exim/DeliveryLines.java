package org.mailtrace.format.exim;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mailtrace.event.DeliveryAttempt;
import org.mailtrace.event.LineMeta;
import org.mailtrace.event.Peer;
import org.mailtrace.event.QueueId;
import org.mailtrace.format.postfix.QueueIds;
import org.mailtrace.event.SmtpReply;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.format.ParseResult;
import org.mailtrace.model.MailAddress;
import org.mailtrace.source.RawLine;

/**
 * Per-recipient outcomes: {@code ID => final <orig> R=router T=transport H=mx [ip]:25 C="250 OK id=X"}.
 * {@code =>} delivered, {@code ->} another address of the same delivery, {@code >>} a cutthrough
 * delivery (logged before the arrival), {@code *>} suppressed ({@code -N}), {@code **} failed,
 * {@code ==} deferred; all become a {@link DeliveryAttempt} whose recipient is the address delivered
 * and whose original recipient is the one in angle brackets (the address the message was sent to,
 * before aliases and forwards), so expansions get one row per member under their original.
 *
 * <p>Local deliveries log the local part only ({@code => userx <userx@test.ex>}) or a pipe or file
 * ({@code => |/bin/prog <a@b>}): the recipient is then the original address; a local part that is
 * another (an alias member, {@code => alice <team@test.ex>}) is taken in the original's domain. The program says what
 * kind of agent delivered, which is what the trace builder needs: {@code smtp} with a host,
 * {@code local} for a local transport, {@code pipe}, and {@code discard} for {@code :blackhole:} and
 * {@code *>} (dropped on purpose). A next hop's ID in the reply ({@code id=X}, or Postfix's
 * {@code queued as X}) links the hop. A deferral for "retry time not reached" is kept as one
 * (the recipient is still deferred, and may have no other line in this log); {@code => blackhole (RCPT ACL discarded recipients)} is the ACL's discard.
 */
final class DeliveryLines {
    private static final Pattern FIRST_FIELD = Pattern.compile(" [A-Z][A-Za-z_]*=");

    private DeliveryLines() {
    }

    static ParseResult parse(RawLine line, QueueId id, String flag, String rest) {
        if (rest.isEmpty()) {
            return new ParseResult.Malformed("exim: delivery line without address");
        }
        if (rest.startsWith("blackhole (") && rest.contains(" discarded recipients)")) {
            return aclDiscard(EximFormat.meta(line, EximFormat.PROGRAM), id, rest);
        }
        int addrEnd = EximFields.tokenEnd(rest, 0);
        String delivered = rest.substring(0, addrEnd);
        if (!delivered.contains("@") || delivered.startsWith(">")) {
            // A pipe command or filter action with arguments (|/bin/echo "x" <a@b>, save bfolder <a@b>),
            // or an autoreply to a list (>a@b, ... <c@d>): everything up to the original address, when
            // that comes before the first field.
            int angle = rest.indexOf(" <", addrEnd);
            Matcher field = FIRST_FIELD.matcher(rest);
            if (angle > 0 && (!field.find(addrEnd) || angle < field.start())) {
                addrEnd = angle;
                delivered = rest.substring(0, addrEnd);
            }
        }
        int p = EximFields.skipBlanks(rest, addrEnd);
        if (delivered.length() > 1 && delivered.endsWith(":") && !delivered.equals(":blackhole:")) {
            // "** b@known.ex: retry timeout exceeded": the reason follows the address itself
            delivered = delivered.substring(0, delivered.length() - 1);
        }
        String orig = null;
        while (p < rest.length() && (rest.charAt(p) == '<' && orig == null || rest.charAt(p) == '(')) {
            // the original address in angle brackets; +all_parents adds the intermediate ones in parentheses
            int close = rest.indexOf(rest.charAt(p) == '<' ? '>' : ')', p);
            if (close < 0) {
                break;
            }
            if (rest.charAt(p) == '<') {
                orig = rest.substring(p + 1, close);
            }
            p = EximFields.skipBlanks(rest, close + 1);
        }
        boolean autoreply = delivered.startsWith(">") && delivered.length() > 1;
        if (autoreply) {
            // An autoreply: to the address replied to when the system filter sent it (=> >a@b <system-filter>),
            // else it is the original recipient's own (its filter replied: => >a@b,c@d <userx@x>).
            delivered = delivered.substring(1);
            if (orig != null && !orig.contains("@")) {
                orig = null;
            }
        }
        // Only failures and deferrals end in a reason; an outcome's unknown words are skipped.
        EximFields f = EximFields.parse(rest, p, flag.equals("**") || flag.equals("=="));
        boolean pipe = delivered.startsWith("|");
        boolean file = delivered.startsWith("/");
        boolean blackhole = delivered.equals(":blackhole:");
        String recipient = EximFields.address(delivered);
        String original = orig;
        boolean action = delivered.indexOf(' ') >= 0; // a filter action with arguments: save bfolder
        if (orig != null && (pipe || file || blackhole || action || autoreply || !delivered.contains("@") && MailAddress.localPartOf(orig).equalsIgnoreCase(delivered)
                || orig.equalsIgnoreCase(delivered))) {
            recipient = orig;
            original = null;
        } else if (orig != null && !pipe && !file && !blackhole && !delivered.contains("@") && orig.contains("@")) {
            // An alias member delivered locally is logged by local part (=> alice <team@example.org>):
            // it lives in the original's domain, the domain Exim routed it in.
            recipient = delivered + orig.substring(orig.lastIndexOf('@'));
        }
        boolean outcome = !flag.equals("**") && !flag.equals("==");
        // A transport's name says nothing sure of its driver: only a delivery made without a host is local.
        String program = blackhole || flag.equals("*>") ? "discard" : pipe ? "pipe" : f.host != null ? "smtp"
                : outcome && f.has("T") ? "local" : EximFormat.PROGRAM;
        String relay = f.host != null ? f.host.toString() : blackhole ? ":blackhole:" : f.get("T");
        Peer relayPeer = f.host != null && f.host.ip() != null ? f.host : null;
        String status = switch (flag) {
            // Exim gives up on a recipient deferred past its retry rules: Postfix's expiry.
            case "**" -> rest.toLowerCase(java.util.Locale.ROOT).contains("retry timeout exceeded") ? "expired" : "bounced";
            case "==" -> "deferred";
            default -> "sent";
        };
        String reply;
        if (flag.equals("**") || flag.equals("==")) {
            reply = f.text != null ? f.text : f.get("C");
        } else if (pipe || file) {
            reply = "delivered to " + (pipe ? "command " : "file ") + delivered.substring(pipe ? 1 : 0);
        } else {
            reply = f.get("C");
        }
        LineMeta meta = EximFormat.meta(line, program);
        return new ParseResult.Parsed(new DeliveryAttempt(meta, id, recipient, original, relay, relayPeer,
                f.get("DT"), null, null, status, reply, nextHop(f.get("C")), null));
    }

    /** {@code => blackhole (DATA ACL discarded recipients)}: the ACL's discard of the whole message. */
    private static ParseResult aclDiscard(LineMeta meta, QueueId id, String rest) {
        int acl = rest.indexOf(" ACL ");
        String stage = acl > 11 ? rest.substring(11, acl) : null;
        if (stage != null && !stage.chars().allMatch(Character::isUpperCase)) {
            stage = "DATA"; // the non-SMTP and MIME ACLs run when the whole message is in
        }
        int close = rest.indexOf(')');
        int colon = close < 0 ? -1 : rest.indexOf(": ", close);
        SmtpReply reply = new SmtpReply(0, null, rest.substring("blackhole (".length(), Math.max(close, 11))
                + (colon < 0 ? "" : ": " + rest.substring(colon + 2).strip()));
        return new ParseResult.Parsed(new SmtpDecision(meta, id, "discard", stage, null, reply, null, null));
    }

    /**
     * The next hop's queue ID in its reply: Exim's {@code 250 OK id=1uAbCd-0001Xy-7Q}, Postfix's
     * {@code 250 2.0.0 Ok: queued as 4F2A1C}; null when it names none.
     */
    static QueueId nextHop(String reply) {
        if (reply == null) {
            return null;
        }
        int at = reply.lastIndexOf("id=");
        if (at >= 0) {
            int end = EximIds.idEnd(reply, at + 3);
            if (end > 0 && (end == reply.length() || !Character.isLetterOrDigit(reply.charAt(end)))) {
                return new QueueId(reply.substring(at + 3, end));
            }
        }
        int q = reply.lastIndexOf("queued as ");
        if (q >= 0) {
            int p = q + "queued as ".length();
            int end = p;
            while (end < reply.length() && (Character.isLetterOrDigit(reply.charAt(end)) || reply.charAt(end) == '-')) {
                end++;
            }
            String word = reply.substring(p, end);
            if (QueueIds.looksLike(word) || EximIds.looksLike(word)) {
                return new QueueId(word);
            }
        }
        return null;
    }
}
