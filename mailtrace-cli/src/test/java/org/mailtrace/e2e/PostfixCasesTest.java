package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Keeps the committed golden files and the case declarations in step, without needing Postfix. */
class PostfixCasesTest {

    private final Fixtures golden = new Fixtures(RepositoryRoot.fixtures(RepositoryRoot.locate()));

    @Test
    void committedExpectationsEqualTheCaseDeclarations() throws IOException {
        for (E2eCase<CaseContext> definition : PostfixCases.all()) {
            assertThat(golden.readExpectation(definition.name()))
                    .as("%s: committed expectation differs from PostfixCases; regenerate the fixtures",
                            definition.name())
                    .isEqualTo(definition.expected());
        }
    }

    @Test
    void everyCommittedLogStillShowsItsEvidence() throws IOException {
        for (E2eCase<CaseContext> definition : PostfixCases.all()) {
            String log = Files.readString(golden.log(definition.name()));
            assertThat(new CaseRun(definition, log, null).missingEvidence())
                    .as("%s: committed log lacks evidence", definition.name())
                    .isEmpty();
        }
    }

    @Test
    void everyCaseDeclaresEvidenceAndRows() {
        assertThat(PostfixCases.all()).hasSize(24).allSatisfy(definition -> {
            assertThat(definition.name()).matches("\\d\\d-[a-z0-9-]+");
            assertThat(definition.evidence()).isNotEmpty();
            assertThat(definition.expected()).isNotEmpty();
        });
    }
}
