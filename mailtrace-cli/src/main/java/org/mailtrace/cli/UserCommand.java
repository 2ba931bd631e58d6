package org.mailtrace.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.mailtrace.server.auth.Passwords;
import org.mailtrace.server.auth.Role;
import org.mailtrace.server.auth.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailtrace user}: manage the accounts of {@code serve} in DIR/users.json (also while it runs). */
@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"Manage the accounts of 'mailtrace serve' (DIR/users.json, or the cluster of --store opensearch:URL). Works while serve runs."},
        footer = {"", "Examples:",
                // Footers are format strings: %% prints one %.
                "  MAILTRACE_PASSWORD='...' mailtrace user add --data DIR alice \\",
                "      --role 'Help Desk' --domain example.org",
                "  printf '%%s\\n' \"$PW\" | mailtrace user add --data DIR bob \\",
                "      --role Compliance-Management",
                "  mailtrace user add --data DIR carol@example.org --role View-Only --oidc-only",
                "  mailtrace user list --data DIR",
                "  mailtrace user delete --data DIR alice",
                "", "Roles: Organization Management, Compliance Management, Help Desk, View-Only.",
                "Exit codes: 0 success, 1 runtime error, 2 bad usage."},
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Delete.class})
final class UserCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    MailtraceCommand parent;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: add, list or delete");
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add an account.",
                    "The password comes from $MAILTRACE_PASSWORD, else the first line of standard input; "
                            + "--oidc-only accounts have none."},
            footer = {"", "Examples:",
                    "  MAILTRACE_PASSWORD='...' mailtrace user add --data DIR alice \\",
                    "      --role 'Help Desk' --domain example.org --domain example.net",
                    "  printf '%%s\\n' \"$PW\" | mailtrace user add --data DIR bob \\",
                    "      --role 'Organization Management'",
                    "  mailtrace user add --data DIR carol@example.org --role View-Only --oidc-only",
                    "", "Roles: Organization Management, Compliance Management, Help Desk, View-Only "
                            + "(spaces or dashes, any case).",
                    "Exit codes: 0 added, 1 runtime error, 2 bad usage (e.g. unknown role, the user exists)."})
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        UserCommand user;

        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME", description = "Sign-in name: 1-64 of a-z 0-9 . _ @ -")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "Organization Management, Compliance Management, Help Desk or View-Only.")
        String role;

        @Option(names = "--domain", paramLabel = "D", description = "Only rows whose sender or recipient is in this domain (or its subdomains). Repeatable.")
        List<String> domains = new ArrayList<>();

        @Option(names = "--oidc-only", description = "No password: the account signs in through OIDC only (serve --oidc-issuer).")
        boolean oidcOnly;

        @Override
        public Integer call() throws Exception {
            Role r = Role.parse(role);
            String password = oidcOnly ? null : System.getenv("MAILTRACE_PASSWORD");
            if (!oidcOnly && (password == null || password.isEmpty())) {
                password = readPassword();
                if (password == null) {
                    throw new IllegalArgumentException("no password: set MAILTRACE_PASSWORD or write it to standard input");
                }
            }
            User u;
            try (Accounts accounts = Accounts.open(data, true)) {
                if (accounts.users().find(name).isPresent()) {
                    throw new IllegalArgumentException("user " + User.normalizeName(name) + " already exists");
                }
                u = new User(name, r, new LinkedHashSet<>(domains), oidcOnly ? null : Passwords.hash(password), List.of(),
                        Clock.systemUTC().instant());
                try {
                    accounts.users().create(u);
                } catch (IllegalStateException raced) {
                    throw new IllegalArgumentException(raced.getMessage(), raced); // made by a server at the same moment
                }
            }
            spec.commandLine().getOut().println("user " + u.name() + " added: " + r.displayName()
                    + (u.domains().isEmpty() ? ", all domains" : ", domains " + String.join(", ", u.domains()))
                    + (oidcOnly ? ", OIDC sign-in only" : ""));
            return Main.OK;
        }

        /** At a terminal (as the package's postinst tells the admin to run it) asks without echo; else the first line of stdin. */
        private String readPassword() throws java.io.IOException {
            if (user.parent.stdin == System.in && System.console() != null) {
                char[] typed = System.console().readPassword("password for %s (12 or more characters): ", name);
                return typed == null ? null : new String(typed);
            }
            return new BufferedReader(new InputStreamReader(user.parent.stdin, StandardCharsets.UTF_8)).readLine();
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = {"List accounts: name, role, domains, API tokens."},
            footer = {"", "Examples:",
                    "  mailtrace user list --data /var/lib/mailtrace",
                    "  MAILTRACE_DATA=/var/lib/mailtrace mailtrace user list",
                    "", "Exit codes: 0 success, 1 runtime error, 2 bad usage."})
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Override
        public Integer call() throws Exception {
            try (Accounts accounts = Accounts.open(data, false)) {
                for (User u : accounts.users().list()) {
                    spec.commandLine().getOut().printf("%-24s %-24s %-30s %d token(s)%n", u.name(), u.role().displayName(),
                            u.domains().isEmpty() ? "(all domains)" : String.join(",", u.domains()), u.tokens().size());
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = {"Delete an account and its API tokens."},
            footer = {"", "Examples:",
                    "  mailtrace user delete --data /var/lib/mailtrace alice",
                    "", "Exit codes: 0 deleted, 1 no such user or runtime error, 2 bad usage."})
    static final class Delete implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws Exception {
            try (Accounts accounts = Accounts.open(data, false)) {
                if (!accounts.users().delete(name)) {
                    spec.commandLine().getErr().println("user delete: no user " + name);
                    return Main.RUNTIME_ERROR;
                }
            }
            spec.commandLine().getOut().println("user " + name + " deleted");
            return Main.OK;
        }
    }
}
