package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the committed Exim golden files of each log_selector's run and the case declarations in step,
 * without needing Exim.
 */
class EximCasesTest {

    private static Fixtures golden(EximLogSelector selector) {
        return new Fixtures(RepositoryRoot.fixtures(RepositoryRoot.locate(), selector.fixtureSuite()));
    }

    @ParameterizedTest
    @EnumSource(EximLogSelector.class)
    void committedExpectationsEqualTheCaseDeclarations(EximLogSelector selector) throws IOException {
        for (E2eCase<EximCaseContext> definition : EximCases.all(selector)) {
            assertThat(golden(selector).readExpectation(definition.name()))
                    .as("%s (%s): committed expectation differs from EximCases; regenerate the fixtures",
                            definition.name(), selector)
                    .isEqualTo(definition.expected());
        }
    }

    @ParameterizedTest
    @EnumSource(EximLogSelector.class)
    void everyCommittedLogStillShowsItsEvidence(EximLogSelector selector) throws IOException {
        for (E2eCase<EximCaseContext> definition : EximCases.all(selector)) {
            String log = Files.readString(golden(selector).log(definition.name()));
            assertThat(new CaseRun(definition, log, null).missingEvidence())
                    .as("%s (%s): committed log lacks evidence", definition.name(), selector)
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EximLogSelector.class)
    void everyCaseDeclaresEvidenceAndRows(EximLogSelector selector) {
        assertThat(EximCases.all(selector)).hasSize(14).allSatisfy(definition -> {
            assertThat(definition.name()).matches("\\d\\d-[a-z0-9-]+");
            assertThat(definition.evidence()).isNotEmpty();
            assertThat(definition.expected()).isNotEmpty();
        });
    }

    /** The default selector loses rows only where docs/formats/exim.md says so: case 14's recipient. */
    @ParameterizedTest
    @EnumSource(EximLogSelector.class)
    void bothSelectorsExpectTheSameRowsExceptForTheFrozenArrival(EximLogSelector selector) {
        var rich = EximCases.all(EximLogSelector.RICH);
        var other = EximCases.all(selector);
        for (int i = 0; i < rich.size(); i++) {
            if (!rich.get(i).name().startsWith("14-")) {
                assertThat(other.get(i).expected()).as(other.get(i).name()).isEqualTo(rich.get(i).expected());
            }
        }
    }
}
