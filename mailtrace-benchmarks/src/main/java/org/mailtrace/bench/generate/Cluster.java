package org.mailtrace.bench.generate;

import java.util.SplittableRandom;

/**
 * The machines of the simulated site: three inbound MX hosts running amavis, one submission host
 * for authenticated users, and the Dovecot mail store they deliver to by LMTP. Hands out queue IDs
 * (unique per host for the whole run) and process IDs.
 */
final class Cluster {
    static final String[] MX = {"mx1", "mx2", "mx3"};
    static final String SUBMISSION = "submit1";
    static final String MAILSTORE = "store1.example.org[10.0.2.10]:24";
    static final String AMAVIS = "127.0.0.1[127.0.0.1]:10024";

    private long queueCounter;
    private final SplittableRandom random;

    Cluster(SplittableRandom random) {
        this.random = random;
    }

    /**
     * A short (hex) Postfix queue ID. A bijective mix of one cluster-wide counter, so IDs look random
     * yet never repeat within a run, on any host (real short IDs mix microseconds and the inode, so
     * two hosts of a cluster practically never show the same ID within minutes).
     */
    String queueId(String host) {
        long n = queueCounter++;
        long mixed = (n * 0x9E3779B97L + 0x5DEECE66DL) & 0xFF_FFFF_FFFFL;
        String hex = Long.toHexString(mixed).toUpperCase();
        return "0".repeat(10 - hex.length()) + hex;
    }

    /** The site's own address of one of its hosts (10.0.1.x), as the others see it when they relay to it. */
    static String ipOf(String host) {
        return "10.0.1." + (10 + Math.floorMod(host.hashCode(), 200));
    }

    int pid() {
        return 1000 + random.nextInt(98_000);
    }

    String mx() {
        return MX[random.nextInt(MX.length)];
    }

    /** A token like Dovecot's LMTP session ID or amavis' mail_id. */
    String token(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
