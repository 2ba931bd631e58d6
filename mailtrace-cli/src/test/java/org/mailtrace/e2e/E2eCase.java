package org.mailtrace.e2e;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One scenario of a suite: what to send, the log lines that prove the mail server did what the
 * scenario intends ({@code evidence}, regular expressions that must each match a line of the case's
 * slice), and the trace rows the product must make of that slice.
 *
 * @param name file name stem of the fixtures, {@code NN-slug}
 * @param <C>  what the body works with: the suite's case context ({@link CaseContext} for Postfix,
 *             {@link EximCaseContext} for Exim)
 */
record E2eCase<C>(String name, Body<C> body, List<String> evidence, List<ExpectedRow> expected) {

    /** Sends the case's mail and waits for whatever the case needs before its queue activity settles. */
    @FunctionalInterface
    interface Body<C> {
        void run(C context) throws Exception;
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
