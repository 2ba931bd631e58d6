package org.mailtrace.format;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import org.mailtrace.correlate.CorrelationRules;

/** Finds {@link LineFormat}s by name. An unknown name fails with the list of the known ones. */
public final class Formats {
    private Formats() {
    }

    /** Every format on the class path, in the order found (Postfix first: the tie-breaker of detection). */
    public static List<LineFormat> all() {
        List<LineFormat> out = new ArrayList<>();
        ServiceLoader.load(LineFormat.class).forEach(out::add);
        out.sort(java.util.Comparator.comparing(f -> !f.name().equals("postfix")));
        return out;
    }

    /**
     * The correlation rules of every format, in {@link #all()}'s order: what a correlator that may be
     * handed any format's lines is built with ({@link org.mailtrace.correlate.Correlator}).
     */
    public static List<CorrelationRules> allRules() {
        return rulesOf(all());
    }

    /** The rules of the given formats, in their order, for a correlator handed only their lines. */
    public static List<CorrelationRules> rulesOf(List<LineFormat> formats) {
        List<CorrelationRules> out = new ArrayList<>();
        formats.forEach(f -> out.add(f.rules()));
        return out;
    }

    /** The names {@code --format} accepts: every format, and {@code auto} for detection per file. */
    public static List<String> names() {
        List<String> out = new ArrayList<>(List.of(AUTO));
        all().forEach(f -> out.add(f.name()));
        return out;
    }

    /** The format name that asks for detection from each file's first lines. */
    public static final String AUTO = "auto";

    public static LineFormat byName(String name) {
        List<String> known = new ArrayList<>();
        for (LineFormat f : ServiceLoader.load(LineFormat.class)) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
            known.add(f.name());
        }
        throw new IllegalArgumentException("unknown log format '" + name + "'; known formats: " + known
                + " (or " + AUTO + " to detect it from each file's first lines)");
    }
}
