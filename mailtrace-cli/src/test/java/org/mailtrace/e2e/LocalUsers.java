package org.mailtrace.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The unix accounts the suites' mail servers deliver to (Postfix's local(8), Exim's local_user
 * router), and Debian Exim's own {@code Debian-exim} system account. Created without home directory
 * and login shell when missing; only the accounts this run created are removed again.
 */
final class LocalUsers implements AutoCloseable {

    /** Every local mailbox the cases deliver to. */
    static final List<String> NAMES = List.of("mt-alice", "mt-bob", "mt-carol", "mt-sender", "mt-filtered");

    private final List<String> created = new ArrayList<>();

    static LocalUsers ensure() {
        return ensure(NAMES, List.of());
    }

    /**
     * Makes sure the mailbox accounts {@code names} and the system accounts {@code systemNames}
     * (with a group of the same name, as Debian's packages create theirs) exist.
     */
    static LocalUsers ensure(List<String> names, List<String> systemNames) {
        LocalUsers users = new LocalUsers();
        for (String name : names) {
            users.createIfMissing(name, List.of("useradd", "-M", "-s", "/usr/sbin/nologin", name));
        }
        for (String name : systemNames) {
            users.createIfMissing(name, List.of("useradd", "--system", "--user-group", "-M", "-d", "/nonexistent",
                    "-s", "/usr/sbin/nologin", name));
        }
        return users;
    }

    private void createIfMissing(String name, List<String> useradd) {
        if (Command.run(List.of("id", "-u", name), Duration.ofSeconds(10)).exitCode() != 0) {
            try {
                Command.run(useradd, Duration.ofSeconds(30)).requireSuccess();
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            created.add(name);
        }
    }

    @Override
    public void close() {
        for (String name : created) {
            Command.Result removed = Command.run(List.of("userdel", name), Duration.ofSeconds(30));
            if (removed.exitCode() != 0) {
                System.err.println(name + ": userdel failed: " + removed.output());
            }
        }
        created.clear();
    }
}
