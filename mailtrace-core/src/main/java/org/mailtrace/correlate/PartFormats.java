package org.mailtrace.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats a correlator was built with, as the replay asks them about one part: the format
 * whose line created the part ({@link Part#format}) answers for the part's lines (who decided what,
 * the commands of a session's end) and names the MTA that wrote it. A part that records no format
 * (restored from a version-1 snapshot, which did not save it), or one of a format the correlator was
 * not built with, gets the answers of before: every format's {@link RowEffects} as one (the first that
 * answers decides) and its MTA guessed from its instance name ({@link #legacyMtaGuessForVersionOnePart}).
 *
 * <p>The program tables ({@link RowEffects#deliveryAgents()}, {@link RowEffects#queueHandling()})
 * stay merged across formats ({@link #all()}): two formats must agree on a program both name anyway.
 */
final class PartFormats {
    private final Map<String, CorrelationRules> rules = new HashMap<>();
    /** Per format name: its own row effects, with the line's own action where it says nothing more. */
    private final Map<String, RowEffects> own = new HashMap<>();
    private final RowEffects all;

    /** Throws IllegalArgumentException when the formats' row effects disagree on a program ({@link RowEffects#combined}). */
    PartFormats(List<? extends CorrelationRules> formats) {
        List<RowEffects> effects = new ArrayList<>();
        for (CorrelationRules f : formats) {
            effects.add(f.rowEffects());
            if (rules.putIfAbsent(f.format(), f) == null) {
                own.put(f.format(), RowEffects.combined(List.of(f.rowEffects())));
            }
        }
        this.all = RowEffects.combined(effects);
    }

    /** Every format's row effects as one ({@link RowEffects#combined}, in the order given). */
    RowEffects all() {
        return all;
    }

    /** What the replay asks about a line of part {@code p} (null: a fact whose part is unknown). */
    RowEffects of(Part p) {
        RowEffects o = p == null || p.format == null ? null : own.get(p.format);
        return o != null ? o : all;
    }

    /** The name of the MTA that wrote part {@code p} ({@link CorrelationRules#mtaName()}). */
    String mtaName(Part p) {
        CorrelationRules r = p.format == null ? null : rules.get(p.format);
        return r != null ? r.mtaName() : legacyMtaGuessForVersionOnePart(p);
    }

    /**
     * The MTA of a part that records no format, guessed from its namespace ({@code host/instance}) as
     * every part was named before parts recorded their format (snapshot version 1): an instance
     * {@code exim...} is Exim, {@code exchange...} Exchange, any other Postfix. Wrong for a Postfix
     * whose {@code syslog_name} starts with {@code exim} (which the Postfix format, reading only
     * instances named {@code postfix...}, does not produce today); only parts restored from a version-1
     * snapshot (and still open in the snapshots after it) are named this way.
     */
    private static String legacyMtaGuessForVersionOnePart(Part p) {
        String instance = p.namespace == null ? "" : p.namespace.substring(p.namespace.lastIndexOf('/') + 1);
        return instance.startsWith("exim") ? "Exim" : instance.startsWith("exchange") ? "Exchange" : "Postfix";
    }
}
