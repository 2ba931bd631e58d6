package org.mailtrace.correlate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mailtrace.event.ContentDecision;
import org.mailtrace.event.SmtpDecision;
import org.mailtrace.event.SmtpDisconnect;

/**
 * The {@link RowEffects} of several formats as one: merged tables (a program named twice must mean
 * the same), and per line the first format's answer in the order given (for the lines of a part that
 * records no format: version-1 snapshots); of one format, that format's answers ({@code PartFormats}).
 * Unlike a format's, its {@code decided} never answers null: with no format's answer it is the line's
 * own action by its program.
 */
final class CombinedRowEffects implements RowEffects {
    private final List<RowEffects> formats;
    private final Map<String, Delivery> deliveryAgents;
    private final Map<String, QueueHandling> queueHandling;

    CombinedRowEffects(List<? extends RowEffects> formats) {
        this.formats = List.copyOf(formats);
        this.deliveryAgents = merge(this.formats, "delivery agent", RowEffects::deliveryAgents);
        this.queueHandling = merge(this.formats, "queue action program", RowEffects::queueHandling);
    }

    private static <V> Map<String, V> merge(List<RowEffects> formats, String what,
                                            java.util.function.Function<RowEffects, Map<String, V>> table) {
        Map<String, V> out = new HashMap<>();
        for (RowEffects f : formats) {
            for (Map.Entry<String, V> e : table.apply(f).entrySet()) {
                V before = out.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && before != e.getValue()) {
                    throw new IllegalArgumentException(what + " '" + e.getKey() + "': one format reads it as "
                            + before + ", another as " + e.getValue() + " (" + f.getClass().getName()
                            + "); the formats of one correlator must agree on a program both name");
                }
            }
        }
        return Map.copyOf(out);
    }

    @Override
    public Map<String, Delivery> deliveryAgents() {
        return deliveryAgents;
    }

    @Override
    public Map<String, QueueHandling> queueHandling() {
        return queueHandling;
    }

    @Override
    public Decided decided(SmtpDecision d) {
        for (RowEffects f : formats) {
            Decided answer = f.decided(d);
            if (answer != null) {
                return answer;
            }
        }
        return new Decided(RowEffects.actionOf(d.action()), d.meta().program());
    }

    @Override
    public Decided decided(ContentDecision c) {
        for (RowEffects f : formats) {
            Decided answer = f.decided(c);
            if (answer != null) {
                return answer;
            }
        }
        return new Decided(RowEffects.actionOf(c.action()), c.meta().program());
    }

    @Override
    public String sessionCommands(SmtpDisconnect x) {
        for (RowEffects f : formats) {
            String answer = f.sessionCommands(x);
            if (answer != null) {
                return answer;
            }
        }
        return null;
    }

    @Override
    public boolean refusesUnknownLocalUser(SmtpDecision d) {
        return formats.stream().anyMatch(f -> f.refusesUnknownLocalUser(d));
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        formats.forEach(f -> names.add(f.getClass().getSimpleName()));
        return "RowEffects" + names;
    }
}
