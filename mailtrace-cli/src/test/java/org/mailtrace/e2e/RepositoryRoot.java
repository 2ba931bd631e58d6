package org.mailtrace.e2e;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout the suite runs in: where {@code mvnw} and the modules live. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    /**
     * {@code maven.multiModuleProjectDirectory} when Maven passed it on, else the nearest directory
     * above the working directory that holds both {@code mvnw} and {@code mailtrace-core}.
     */
    static Path locate() {
        String fromMaven = System.getProperty("maven.multiModuleProjectDirectory");
        if (fromMaven != null && isRoot(Path.of(fromMaven))) {
            return Path.of(fromMaven).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException(Path.of("").toAbsolutePath()
                + ": no directory above holds mvnw and mailtrace-core");
    }

    private static boolean isRoot(Path dir) {
        return Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("mailtrace-core"));
    }

    /** Where the committed golden inputs of the Postfix suite live. */
    static Path fixtures(Path root) {
        return fixtures(root, "postfix-e2e");
    }

    /** Where the committed golden inputs of one suite live: {@code golden/<suite>} in mailtrace-core. */
    static Path fixtures(Path root, String suite) {
        return root.resolve("mailtrace-core/src/test/resources/golden").resolve(suite);
    }
}
