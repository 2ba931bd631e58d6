package org.mailtrace.format.postfix;

import java.util.Set;
import org.mailtrace.correlate.CorrelationRules;
import org.mailtrace.event.LineMeta;
import org.mailtrace.format.LineFormat;
import org.mailtrace.format.ParseResult;
import org.mailtrace.source.RawLine;

/**
 * The Postfix log dialect (plus amavis, its classic content filter), found by the name {@code postfix}.
 *
 * <p>Dispatches on the syslog tag, as master.cf names services: the first path element is the instance
 * ({@code postfix}, {@code postfix-out}; it must start with "postfix"), the last is the program
 * ({@code postfix/submission/smtpd} is smtpd of instance postfix). A bare known program name
 * ({@code smtpd}) counts as instance postfix, and so do amavis lines (their queue IDs are Postfix's). Each program has its own {@code *Lines} reader; Postfix
 * programs without trace data are ignored, every other tag is not ours.
 *
 * <p>Thread-safe (its only state is a cache of what recent tags say); never throws on input.
 */
public final class PostfixFormat implements LineFormat {
    private static final Set<String> PROGRAMS = Set.of("smtpd", "smtp", "lmtp", "local", "virtual", "pipe", "error",
            "discard", "retry", "cleanup", "qmgr", "oqmgr", "nqmgr", "pickup", "bounce", "defer", "trace",
            "postscreen", "postsuper", "anvil", "tlsmgr", "master", "scache", "verify", "trivial-rewrite",
            "postfix-script", "postlogd", "dnsblog", "tlsproxy", "sendmail", "postdrop", "postqueue", "postmap",
            "postalias", "showq", "flush", "proxymap", "spawn", "qmqpd", "postmulti", "postlog", "postkick",
            "postcat", "postconf");
    private static final Set<String> AMAVIS = Set.of("amavis", "amavisd", "amavisd-new");

    private static final PostfixRules RULES = new PostfixRules();

    @Override
    public String name() {
        return RULES.format(); // the name each part records: one spelling
    }

    @Override
    public CorrelationRules rules() {
        return RULES;
    }

    @Override
    public ParseResult parse(RawLine line) {
        if (line == null || line.tag() == null || line.tag().isEmpty() || line.message() == null) {
            return ParseResult.NOT_MINE;
        }
        TagReading tagged = read(line.tag());
        if (tagged.instance == null) {
            return ParseResult.NOT_MINE;
        }
        String program = tagged.program;
        LineMeta meta = new LineMeta(line.time(), NAMES.of(line.host()), tagged.instance, program, line.pid(),
                line.source(), line.message());
        if (tagged.amavis) {
            // amavis names Postfix's queue IDs but not the instance; the default one is the usual case.
            return AmavisLines.parse(meta, line.message());
        }
        try {
            return dispatch(meta, line.message());
        } catch (RuntimeException bug) {
            // The readers are written not to throw; if one does, the line is still only counted, never fatal.
            return new ParseResult.Malformed(program + ": parser failure " + bug.getClass().getSimpleName());
        }
    }

    private static ParseResult dispatch(LineMeta meta, String message) {
        switch (meta.program()) {
            case "smtpd": return SmtpdLines.parse(meta, message);
            case "postscreen": return PostscreenLines.parse(meta, message);
            case "cleanup": return CleanupLines.parse(meta, message);
            case "pickup": return PickupLines.parse(meta, message);
            case "qmgr":
            case "oqmgr":
            case "nqmgr": return QmgrLines.parse(meta, message);
            case "smtp":
            case "lmtp":
            case "local":
            case "virtual":
            case "pipe":
            case "error":
            case "discard":
            case "retry": return DeliveryLines.parse(meta, message);
            case "bounce":
            case "defer":
            case "trace": return BounceLines.parse(meta, message);
            case "postsuper": return PostsuperLines.parse(meta, message);
            default: return new ParseResult.Ignored(meta.program() + " carries no trace data");
        }
    }

    /**
     * What a tag says: the instance and program (shared names), or a null instance when the line is
     * not ours; whether it is amavis.
     */
    private record TagReading(String tag, String instance, String program, boolean amavis) {
    }

    /**
     * The readings of recent tags, by the tag's hash: a log has a dozen tags, each repeated on
     * thousands of lines (the framing hands out one String per tag, so its hash is computed once).
     * Entries are immutable and replaced whole, so threads may share the array without locks.
     */
    private static final TagReading[] TAGS = new TagReading[64];

    private static TagReading read(String tag) {
        int slot = tag.hashCode() & (TAGS.length - 1);
        TagReading known = TAGS[slot];
        if (known != null && known.tag.equals(tag)) {
            return known;
        }
        TagReading reading = readTag(tag);
        TAGS[slot] = reading;
        return reading;
    }

    private static TagReading readTag(String tag) {
        int firstSlash = tag.indexOf('/');
        String instance = firstSlash < 0 ? tag : tag.substring(0, firstSlash);
        String program = tag.substring(tag.lastIndexOf('/') + 1);
        if (firstSlash < 0 && AMAVIS.contains(tag)) {
            return new TagReading(tag, NAMES.of("postfix"), NAMES.of(tag), true);
        }
        if (!instance.startsWith("postfix")) {
            if (firstSlash >= 0 || !PROGRAMS.contains(tag)) {
                return new TagReading(tag, null, null, false);
            }
            instance = "postfix";
        }
        return new TagReading(tag, NAMES.of(instance), NAMES.of(program), false);
    }

    /**
     * Host, instance and program names repeat on every line; an open message keeps a dozen lines in
     * memory, so sharing one copy of each name is worth a map lookup.
     */
    private static final SharedNames NAMES = new SharedNames();

    /** A bounded, thread-safe canonical copy of short, repeating strings. */
    static final class SharedNames {
        private static final int MAX = 4096;
        private final java.util.concurrent.ConcurrentHashMap<String, String> names = new java.util.concurrent.ConcurrentHashMap<>();

        String of(String s) {
            if (s == null) {
                return null;
            }
            String known = names.get(s);
            if (known != null) {
                return known;
            }
            if (names.size() < MAX) {
                names.putIfAbsent(s, s);
            }
            return s;
        }
    }
}
