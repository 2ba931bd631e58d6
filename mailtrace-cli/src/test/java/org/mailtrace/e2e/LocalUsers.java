package org.mailtrace.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The unix accounts Postfix's local(8) delivers to. Created without home directory and login shell
 * when missing; only the accounts this run created are removed again.
 */
final class LocalUsers implements AutoCloseable {

    /** Every local mailbox the cases deliver to. */
    static final List<String> NAMES = List.of("mt-alice", "mt-bob", "mt-carol", "mt-sender", "mt-filtered");

    private final List<String> created = new ArrayList<>();

    static LocalUsers ensure() {
        LocalUsers users = new LocalUsers();
        for (String name : NAMES) {
            if (Command.run(List.of("id", "-u", name), Duration.ofSeconds(10)).exitCode() != 0) {
                Command.run(List.of("useradd", "-M", "-s", "/usr/sbin/nologin", name), Duration.ofSeconds(30))
                        .requireSuccess();
                users.created.add(name);
            }
        }
        return users;
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
