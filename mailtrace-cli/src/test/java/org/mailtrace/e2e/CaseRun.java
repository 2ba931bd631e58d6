package org.mailtrace.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What one case produced live: its slice of the mail server's log and, when the body failed, why.
 *
 * @param failure the exception the case body threw, or null when it ran to the end
 */
record CaseRun(E2eCase<?> definition, String log, Throwable failure) {

    /** The evidence patterns of the case that match no line of its slice. */
    List<String> missingEvidence() {
        List<String> missing = new ArrayList<>();
        for (String evidence : definition.evidence()) {
            if (!Pattern.compile(evidence, Pattern.MULTILINE).matcher(log).find()) {
                missing.add(evidence);
            }
        }
        return missing;
    }

    /** True when the body ran to the end and every piece of evidence is in the slice. */
    boolean happenedAsIntended() {
        return failure == null && missingEvidence().isEmpty();
    }
}
