package org.mailtrace.e2e;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One scenario of the suite: what to send, the log lines that prove Postfix did what the scenario
 * intends ({@code evidence}, regular expressions that must each match a line of the case's slice),
 * and the trace rows the product must make of that slice.
 *
 * @param name file name stem of the fixtures, {@code NN-slug}
 */
record E2eCase(String name, Body body, List<String> evidence, List<ExpectedRow> expected) {

    /** Sends the case's mail and waits for whatever the case needs before its queue activity settles. */
    @FunctionalInterface
    interface Body {
        void run(CaseContext context) throws Exception;
    }

    E2eCase {
        evidence = List.copyOf(evidence);
        expected = List.copyOf(expected);
        Set<String> keys = new HashSet<>();
        for (ExpectedRow row : expected) {
            if (!keys.add(row.key())) {
                throw new IllegalArgumentException(name + ": two expected rows for " + row.key());
            }
        }
    }
}
