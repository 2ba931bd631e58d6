package org.mailtrace.bench.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Who sends and receives: our hosted domains and their users, the outside world's domains, their
 * mail servers and IPs, and the subjects people write. Everything is derived from indexes, so the
 * population costs no memory and the same index always names the same user or host.
 */
final class Population {
    /** The domains the cluster receives mail for (pass them as --accepted-domain). */
    static final List<String> HOSTED_DOMAINS = List.of("example.org", "example.com", "example.net",
            "acme.example", "globex.example", "initech.example", "umbrella.example", "hooli.example");
    static final int USERS_PER_DOMAIN = 4000;
    static final int REMOTE_DOMAINS = 5000;

    private static final String[] FIRST = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
            "ivan", "judy", "mallory", "nina", "oscar", "peggy", "quentin", "rupert", "sybil", "trent", "ursula",
            "victor", "walter", "xena", "yvonne", "zack", "anna", "ben", "clara", "david", "emma", "felix",
            "greta", "hans", "ida", "jonas", "karla", "lukas", "marie", "noah", "olga", "paul", "rosa", "sven",
            "tina", "ulf", "vera", "willi", "lena", "max", "sophie", "leon"};
    private static final String[] LAST = {"smith", "jones", "miller", "davis", "garcia", "wilson", "moore",
            "taylor", "thomas", "white", "harris", "martin", "clark", "lewis", "walker", "young", "king", "wright",
            "scott", "green", "baker", "adams", "nelson", "hill", "campbell", "mueller", "schmidt", "schneider",
            "fischer", "weber", "meyer", "wagner", "becker", "schulz", "hoffmann", "koch", "richter", "klein",
            "wolf", "schroeder", "neumann", "braun", "zimmermann", "krueger", "hartmann", "lange", "werner",
            "krause", "lehmann", "koehler"};
    private static final String[] BIG_PROVIDERS = {"gmail.com", "outlook.com", "yahoo.com", "gmx.de", "web.de",
            "icloud.com", "hotmail.com", "t-online.de"};
    private static final String[] ROLES = {"noreply", "newsletter", "billing", "support", "info", "sales",
            "notifications", "orders", "hr", "jobs"};
    static final String[] WORDS = {"invoice", "meeting", "project", "report", "budget", "review", "contract",
            "proposal", "schedule", "update", "release", "migration", "quarterly", "agenda", "minutes", "offer",
            "order", "shipment", "delivery", "payment", "reminder", "invitation", "conference", "training",
            "workshop", "feedback", "survey", "newsletter", "security", "password", "account", "backup",
            "server", "network", "outage", "maintenance", "ticket", "request", "approval", "holiday", "vacation",
            "falcon", "phoenix", "atlas", "orion", "zephyr", "aurora", "nebula", "quartz", "cobalt", "summit",
            "harbor", "meridian", "horizon", "lantern", "compass", "beacon", "pioneer", "voyager", "delta"};
    private static final String[] SPAM = {"You have won", "Cheap meds", "Hot singles near", "Urgent wire transfer",
            "Claim your prize", "Bitcoin doubled", "Your parcel is waiting", "Act now"};

    private Population() {
    }

    static String hostedDomain(int i) {
        return HOSTED_DOMAINS.get(Math.floorMod(i, HOSTED_DOMAINS.size()));
    }

    /** A user of ours, {@code first.last[n]@domain}. */
    static String hostedUser(SplittableRandom r) {
        int domain = r.nextInt(HOSTED_DOMAINS.size());
        return localPart(r.nextInt(USERS_PER_DOMAIN)) + "@" + HOSTED_DOMAINS.get(domain);
    }

    static String localPart(int i) {
        String base = FIRST[i % FIRST.length] + "." + LAST[(i / FIRST.length) % LAST.length];
        int n = i / (FIRST.length * LAST.length);
        return n == 0 ? base : base + n;
    }

    /** An outside domain: big providers often, a long tail of company domains otherwise. */
    static String remoteDomain(SplittableRandom r) {
        if (r.nextInt(100) < 40) {
            return BIG_PROVIDERS[r.nextInt(BIG_PROVIDERS.length)];
        }
        return remoteDomainAt(skewed(r, REMOTE_DOMAINS));
    }

    static String remoteDomainAt(int i) {
        return "corp" + i + ".example" + (i % 3 == 0 ? ".net" : i % 3 == 1 ? ".com" : ".org");
    }

    static String remoteAddress(SplittableRandom r) {
        String domain = remoteDomain(r);
        String local = r.nextInt(100) < 25 ? ROLES[r.nextInt(ROLES.length)] : localPart(r.nextInt(20_000));
        return local + "@" + domain;
    }

    /** The MX / outbound host name of a domain, and its IP (stable per domain). */
    static String mailHostOf(String domain) {
        return "mx" + (1 + Math.floorMod(domain.hashCode(), 3)) + "." + domain;
    }

    static String ipOf(String name) {
        int h = name.hashCode();
        return (45 + Math.floorMod(h, 150)) + "." + Math.floorMod(h >>> 8, 256) + "."
                + Math.floorMod(h >>> 16, 256) + "." + (1 + Math.floorMod(h >>> 24, 254));
    }

    static String subject(SplittableRandom r, long serial) {
        String a = WORDS[r.nextInt(WORDS.length)];
        String b = WORDS[r.nextInt(WORDS.length)];
        return switch (r.nextInt(9)) {
            case 0 -> "Invoice " + (10000 + serial % 90000) + " for " + a;
            case 1 -> "Re: " + a + " " + b + " meeting";
            case 2 -> "Your order #" + (100000 + serial % 900000) + " has shipped";
            case 3 -> "Weekly " + a + " report";
            case 4 -> "[" + a + "] " + b + " update";
            case 5 -> "Fwd: " + a + " " + b + " proposal";
            case 6 -> "RE: AW: " + a + " " + b;
            case 7 -> capital(a) + " " + b + " " + (serial % 1000);
            default -> "Question about the " + a + " " + b;
        };
    }

    static String spamSubject(SplittableRandom r, long serial) {
        return SPAM[r.nextInt(SPAM.length)] + " " + (serial % 10_000);
    }

    /** Few values often, many rarely (a Zipf-like skew good enough for "popular" domains). */
    static int skewed(SplittableRandom r, int n) {
        double u = r.nextDouble();
        return (int) Math.min(n - 1, Math.floor(Math.pow(u, 3) * n));
    }

    private static String capital(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
