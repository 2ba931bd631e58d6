package org.mailtrace.e2e;

import java.util.List;

/** What a live run of a suite produced: one slice per case, plus the whole log of the run. */
record LiveRun(List<CaseRun> cases, String combinedLog) {

    LiveRun {
        cases = List.copyOf(cases);
    }
}
