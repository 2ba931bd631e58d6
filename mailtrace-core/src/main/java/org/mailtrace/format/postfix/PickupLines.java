package org.mailtrace.format.postfix;

import org.mailtrace.event.LineMeta;
import org.mailtrace.event.LocalSubmission;
import org.mailtrace.format.ParseResult;

/** pickup(8), which takes mail submitted with sendmail(1) from the maildrop: {@code QID: uid=1000 from=<user>}. */
final class PickupLines {
    private PickupLines() {
    }

    static ParseResult parse(LineMeta meta, String message) {
        int colon = QueueIds.prefixEnd(message);
        if (colon < 0 || QueueIds.at(message, colon) == null) {
            return new ParseResult.Ignored("pickup: line without queue ID");
        }
        String rest = QueueIds.rest(message, colon);
        int uidEnd = rest.indexOf(' ');
        int from = rest.indexOf("from=<");
        if (!rest.startsWith("uid=") || uidEnd < 0 || from < 0 || !rest.endsWith(">")) {
            return new ParseResult.Malformed("pickup: unparsable submission line");
        }
        return new ParseResult.Parsed(new LocalSubmission(meta, QueueIds.at(message, colon),
                rest.substring("uid=".length(), uidEnd), rest.substring(from + "from=<".length(), rest.length() - 1)));
    }
}
