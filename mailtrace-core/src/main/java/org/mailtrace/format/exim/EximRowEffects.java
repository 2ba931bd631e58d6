package org.mailtrace.format.exim;

import java.util.Map;

import org.mailtrace.correlate.RowEffects;

/**
 * What Exim's lines do to rows (see {@link RowEffects}): {@link DeliveryLines} names a delivery
 * made without a host {@code local} (a local transport: a mailbox), one to a command {@code pipe},
 * and one to {@code :blackhole:} or suppressed {@code discard}. Exim's freeze and thaw are its own
 * change of queue state (the default); its decisions say who decided in their own words.
 */
final class EximRowEffects implements RowEffects {
    static final EximRowEffects INSTANCE = new EximRowEffects();

    private EximRowEffects() {
    }

    @Override
    public Map<String, Delivery> deliveryAgents() {
        return Map.of("local", Delivery.MAILBOX, "pipe", Delivery.COMMAND, "discard", Delivery.DISCARD);
    }
}
