package org.mailtrace.correlate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.RecipientOutcome;

/**
 * The per-recipient state of one trace while its facts are replayed. Rows are keyed by address
 * (case-insensitive). A top-level row is an envelope recipient; an address it was redirected or
 * expanded to is a member: with one member the row shows where it went (M365's "Resolve"), with
 * two or more it becomes Expanded and each member gets its own row.
 */
final class RecipientRows {

    static final class Row {
        final String address;
        DeliveryStatus status = DeliveryStatus.GettingStatus;
        String toIp;
        boolean attempted;
        /** A content filter's verdict set the status; the filter's "discarded" reply must not replace it. */
        boolean filterVerdict;
        /**
         * smtpd refused this recipient at RCPT: it is not in the message, so an outcome of the whole
         * message (a milter's reject, a session that ended before DATA) is not its outcome.
         */
        boolean refusedAtRcpt;
        /** The refusal was temporary (4xx): Pending until a retry is accepted or the retry window passes. */
        boolean temporaryRefusal;

        Row(String address) {
            this.address = address;
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final Set<String> topLevel = new LinkedHashSet<>();
    private final Map<String, LinkedHashSet<String>> members = new LinkedHashMap<>();
    private final Map<String, Instant> expandedAt = new LinkedHashMap<>();
    /** Status of the whole message while it has no recipient at all (CONNECT rejects and the like). */
    private DeliveryStatus wholeStatus = DeliveryStatus.GettingStatus;
    /** The whole-message status is Pending because of a temporary (4xx) refusal. */
    private boolean wholeTemporary;

    static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }

    boolean isEmpty() {
        return topLevel.isEmpty();
    }

    /** The envelope recipient's row, created if new. */
    Row top(String address) {
        topLevel.add(key(address));
        return row(address);
    }

    /**
     * The row of a delivery that names only its final address: a member's row when an earlier
     * expansion or redirect of this trace made the address a member (a later server delivers to
     * the members of a group another one expanded), else the envelope recipient's.
     */
    Row ownOrMember(String address) {
        String k = key(address);
        if (!topLevel.contains(k) && isMember(address)) {
            return rows.get(k);
        }
        return top(address);
    }

    private Row row(String address) {
        return rows.computeIfAbsent(key(address), k -> new Row(address));
    }

    /** How a new member changed its row: 1 = first member (redirect), 2 = became Expanded, 0 = nothing new. */
    int addMember(String rowAddress, String member, Instant time) {
        if (!isMember(rowAddress)) {
            top(rowAddress);
        }
        row(rowAddress);
        row(member);
        LinkedHashSet<String> set = members.computeIfAbsent(key(rowAddress), k -> new LinkedHashSet<>());
        if (!set.add(key(member))) {
            return 0;
        }
        if (set.size() == 2) {
            expandedAt.put(key(rowAddress), time);
            return 2;
        }
        return set.size() == 1 ? 1 : 3;
    }

    private boolean isMember(String address) {
        String k = key(address);
        for (LinkedHashSet<String> set : members.values()) {
            if (set.contains(k)) {
                return true;
            }
        }
        return false;
    }

    /** What a row shows: its own state, or (redirected to one address) the state of where it went. */
    private Row shown(String k, int depth) {
        Row r = rows.get(k);
        LinkedHashSet<String> ms = members.get(k);
        if (ms == null || ms.size() != 1 || depth > 10) {
            return r;
        }
        Row m = shown(ms.iterator().next(), depth + 1);
        return m.status != DeliveryStatus.GettingStatus || r.status == DeliveryStatus.GettingStatus ? m : r;
    }

    /**
     * The addresses a row was redirected to one at a time (alias, virtual alias, {@code .forward}, a
     * hop's rewrite), the final one last; it stops where an address fans out to several members,
     * which have rows of their own. The same bound as {@link #shown} guards against a loop.
     */
    private List<String> redirectChain(String k) {
        LinkedHashSet<String> first = members.get(k);
        if (first == null || first.size() != 1) {
            return List.of(); // the common case: delivered to the address itself, or expanded
        }
        List<String> chain = new ArrayList<>(1);
        String at = k;
        for (int depth = 0; depth <= 10; depth++) {
            LinkedHashSet<String> ms = members.get(at);
            if (ms == null || ms.size() != 1) {
                break;
            }
            at = ms.iterator().next();
            if (at.equals(k) || chain.contains(rows.get(at).address)) {
                break;
            }
            chain.add(rows.get(at).address);
        }
        return chain;
    }

    /** The row a delivery for {@code member} updates (the member's own, tracked even while hidden). */
    Row member(String member) {
        return row(member);
    }

    List<String> membersOf(String rowAddress) {
        List<String> out = new ArrayList<>();
        for (String k : members.getOrDefault(key(rowAddress), new LinkedHashSet<>())) {
            out.add(rows.get(k).address);
        }
        return out;
    }

    Map<String, Instant> expansions() {
        return expandedAt;
    }

    /** Every row whose status counts: top-level rows and all members. */
    List<Row> all() {
        return new ArrayList<>(rows.values());
    }

    void setWhole(DeliveryStatus status) {
        wholeStatus = status;
    }

    /**
     * The message was deleted while held or frozen: it is gone, no longer waiting for a release. Its
     * Quarantined rows, or the message itself when it has no row yet (an Exim arrival without
     * {@code +received_recipients}, frozen before any delivery), become Dropped.
     */
    void dropQuarantined() {
        for (Row r : rows.values()) {
            if (r.status == DeliveryStatus.Quarantined) {
                r.status = DeliveryStatus.Dropped;
            }
        }
        if (rows.isEmpty() && wholeStatus == DeliveryStatus.Quarantined) {
            wholeStatus = DeliveryStatus.Dropped;
        }
    }

    /**
     * smtpd refused {@code to} at RCPT (permanently: Failed; temporarily: Pending): the recipient is
     * not part of the message, whatever happens to the message later.
     */
    void refusedAtRcpt(String to, boolean temporary) {
        Row r = top(to);
        r.status = temporary ? DeliveryStatus.Pending : DeliveryStatus.Failed;
        r.refusedAtRcpt = true;
        r.temporaryRefusal = temporary;
    }

    /** A refusal of the whole attempt without any recipient (CONNECT, HELO, MAIL stage). */
    void refusedWhole(boolean temporary) {
        wholeStatus = temporary ? DeliveryStatus.Pending : DeliveryStatus.Failed;
        wholeTemporary = temporary;
    }

    /**
     * Applies an outcome of the whole message (a reject at DATA or by cleanup, a discard, a hold) to
     * the recipients it was accepted for, {@code to} included: not to those refused at RCPT.
     */
    void applyToAccepted(DeliveryStatus status, String to) {
        if (to != null && !to.isEmpty()) {
            Row r = top(to);
            r.refusedAtRcpt = false;
            r.temporaryRefusal = false;
        }
        if (rows.isEmpty()) {
            wholeStatus = status;
            wholeTemporary = false;
            return;
        }
        for (Row r : rows.values()) {
            if (!r.refusedAtRcpt) {
                r.status = status;
            }
        }
    }

    /**
     * The recipients the message was accepted for, as its arrival line names them (Exim's
     * {@code for a b}). A whole-message outcome replayed before them (a discard logged in the same
     * second: replay puts decisions before the envelope) was about them: new rows take its status.
     */
    void accepted(List<String> addresses) {
        boolean inheritWhole = rows.isEmpty() && wholeStatus != DeliveryStatus.GettingStatus;
        for (String a : addresses) {
            boolean fresh = !rows.containsKey(key(a));
            Row r = ownOrMember(a);
            if (fresh && inheritWhole) {
                r.status = wholeStatus;
                r.temporaryRefusal = wholeTemporary;
            }
        }
    }

    /** The session ended before the message was sent: every accepted recipient still without a status failed. */
    void abandoned() {
        if (rows.isEmpty()) {
            if (!wholeStatus.isFinal()) {
                wholeStatus = DeliveryStatus.Failed;
            }
            return;
        }
        for (Row r : rows.values()) {
            if (!r.refusedAtRcpt && r.status == DeliveryStatus.GettingStatus) {
                r.status = DeliveryStatus.Failed;
            }
        }
    }

    /** No retry came within the retry window: temporarily refused recipients that are still Pending failed. */
    boolean giveUpTemporaryRefusals() {
        boolean changed = false;
        for (Row r : rows.values()) {
            if (r.temporaryRefusal && r.status == DeliveryStatus.Pending) {
                r.status = DeliveryStatus.Failed;
                changed = true;
            }
        }
        if (rows.isEmpty() && wholeTemporary && wholeStatus == DeliveryStatus.Pending) {
            wholeStatus = DeliveryStatus.Failed;
            changed = true;
        }
        return changed;
    }

    /** Applies a message-wide outcome: to every row, or to {@code to}'s row, or to the recipient-less trace. */
    void applyToAll(DeliveryStatus status, String to, boolean onlyNonFinal) {
        if (rows.isEmpty() && to != null && !to.isEmpty()) {
            top(to);
        }
        if (rows.isEmpty()) {
            if (!onlyNonFinal || !wholeStatus.isFinal()) {
                wholeStatus = status;
            }
            return;
        }
        for (Row r : rows.values()) {
            if (!onlyNonFinal || !r.status.isFinal()) {
                r.status = status;
            }
        }
    }

    /** The trace's recipients in order of first appearance; one empty-address row when there are none. */
    List<RecipientOutcome> outcomes(Function<String, Direction> direction) {
        List<RecipientOutcome> out = new ArrayList<>();
        Set<String> emitted = new LinkedHashSet<>();
        for (String k : topLevel) {
            Row r = rows.get(k);
            LinkedHashSet<String> ms = members.getOrDefault(k, new LinkedHashSet<>());
            if (ms.size() >= 2) {
                if (emitted.add(k)) {
                    out.add(new RecipientOutcome(r.address, DeliveryStatus.Expanded, null,
                            direction.apply(r.address), null));
                }
                for (String mk : ms) {
                    Row m = rows.get(mk);
                    Row shown = shown(mk, 0);
                    if (!topLevel.contains(mk) && emitted.add(mk)) {
                        out.add(new RecipientOutcome(m.address, shown.status, shown.toIp, direction.apply(m.address),
                                r.address, redirectChain(mk)));
                    }
                }
            } else if (emitted.add(k)) {
                Row shown = shown(k, 0);
                out.add(new RecipientOutcome(r.address, shown.status, shown.toIp, direction.apply(r.address), null,
                        redirectChain(k)));
            }
        }
        if (out.isEmpty()) {
            out.add(new RecipientOutcome("", wholeStatus, null, direction.apply(""), null));
        }
        return out;
    }
}
