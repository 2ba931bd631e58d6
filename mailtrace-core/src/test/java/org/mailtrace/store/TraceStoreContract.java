package org.mailtrace.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mailtrace.store.TraceFixtures.T0;
import static org.mailtrace.store.TraceFixtures.trace;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailtrace.model.DeliveryStatus;
import org.mailtrace.model.Direction;
import org.mailtrace.model.MessageTrace;
import org.mailtrace.model.TraceRow;
import org.mailtrace.store.TraceQuery.SubjectMatch;

/**
 * The guarantees of {@link TraceReader} and {@link TraceWriter}, run against every implementation.
 * A store's test extends this class and says only where a new store can live ({@link #newFixture()}),
 * opaque to the contract: a temporary directory, an index prefix on a test cluster. Where the store
 * needs a step before others see a commit (a search engine's refresh), {@link #awaitVisible()} takes
 * it; what a store cannot do at all, it opts out of ({@link #supportsReadOnlyOpen()}), and those
 * cases are skipped, not failed.
 */
public abstract class TraceStoreContract {
    /** The place of the store under test; {@link #store} is open on it, writable. */
    protected StoreFixture fixture;
    protected TraceStore store;

    /** One store's place, opaque to the contract: it opens the same store as often as asked. */
    @FunctionalInterface
    protected interface StoreFixture {
        /**
         * Opens the store at this place: writable (creating it when absent) or read-only beside
         * an open writer. Every call opens the same store, so a reopen sees what was committed.
         */
        TraceStore open(boolean readOnly);
    }

    /** A new place where no store exists yet, seen by no other test. */
    protected abstract StoreFixture newFixture();

    /**
     * Makes everything committed so far visible to the searches of every opener of the fixture's
     * store. The contract calls it after each write before it reads; the default does nothing,
     * right for a store whose commit is visible when it returns (Lucene), while a search engine
     * refreshes its indices here.
     */
    protected void awaitVisible() {
    }

    /**
     * Whether {@code open(true)} gives a store that searches beside the writer and refuses writes,
     * and opens as empty where no store was ever written. When false, the cases about read-only
     * stores are skipped and a second opener (to see what others see) is a writable one.
     */
    protected boolean supportsReadOnlyOpen() {
        return true;
    }

    /** Same positions and same correlator state bytes (states are streams, compared by content). */
    public static void assertSameCheckpoint(IngestCheckpoint actual, IngestCheckpoint expected) {
        assertThat(actual.positions()).isEqualTo(expected.positions());
        if (expected.correlatorState() == null) {
            assertThat(actual.correlatorState()).isNull();
            return;
        }
        assertThat(actual.correlatorState()).isNotNull();
        try {
            assertThat(actual.correlatorState().text()).isEqualTo(expected.correlatorState().text());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void openWritableStore() {
        fixture = newFixture();
        store = fixture.open(false);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    protected void upsert(MessageTrace... traces) {
        commit(List.of(traces), List.of(), null);
    }

    /** Commits through {@link #store} and waits until the commit is visible. */
    protected void commit(List<MessageTrace> upserts, List<String> deletedTraceIds, IngestCheckpoint checkpoint) {
        store.commit(upserts, deletedTraceIds, checkpoint);
        awaitVisible();
    }

    /** A second opener of the store, to see what others see: read-only where the store supports it. */
    protected TraceStore openObserver() {
        return fixture.open(supportsReadOnlyOpen());
    }

    protected List<TraceRow> all(TraceQuery q) {
        return store.search(q, null, 100_000).rows();
    }

    protected List<String> recipientsOf(TraceQuery q) {
        return all(q).stream().map(TraceRow::recipientAddress).sorted().toList();
    }

    protected List<String> traceIdsOf(TraceQuery q) {
        return all(q).stream().map(TraceRow::messageTraceId).distinct().sorted().toList();
    }

    // --- upsert, delete, get ---

    @Test
    void upsertOfTheSameTraceReplacesItAndItsRows() {
        upsert(trace("t1").recipient("a@x.org", DeliveryStatus.Pending).recipient("b@x.org", DeliveryStatus.Pending).build());
        MessageTrace later = trace("t1").subject("Updated").recipient("a@x.org", DeliveryStatus.Delivered).build();
        upsert(later);

        assertThat(all(TraceQuery.all())).containsExactlyElementsOf(later.rows());
        assertThat(store.get("t1")).contains(later);
        assertThat(store.count(TraceQuery.all())).isEqualTo(1);
    }

    @Test
    void sameTraceTwiceInOneCommitKeepsTheLast() {
        MessageTrace first = trace("t1").subject("first").build();
        MessageTrace second = trace("t1").subject("second").build();
        commit(List.of(first, second), List.of(), null);
        assertThat(store.get("t1")).contains(second);
        assertThat(store.count(TraceQuery.all())).isEqualTo(1);
    }

    @Test
    void everyNameOfAMessageFindsItsRowAndPagesShowWhereTheMailWent() {
        upsert(trace("t1").sender("root@mail.example.org").alternateSenders("root")
                .messageId("<first@h.example.org>").alternateMessageIds("<later@h.example.org>")
                .redirected("alias@example.org", DeliveryStatus.Delivered, "carol@example.net").build(),
                trace("t2").sender("other@example.com").build());
        for (TraceQuery q : List.of(
                TraceQuery.builder().senders(List.of("root")).build(),
                TraceQuery.builder().senders(List.of("ROOT@mail.example.org")).build(),
                TraceQuery.builder().messageId("later@h.example.org").build(),
                TraceQuery.builder().messageId("<first@h.example.org>").build(),
                TraceQuery.builder().recipients(List.of("alias@example.org")).build(),
                TraceQuery.builder().recipients(List.of("carol@example.net")).build(),
                TraceQuery.builder().recipients(List.of("*@example.net")).build())) {
            List<TraceRow> rows = store.search(q, null, 10).rows();
            assertThat(rows).as("%s", q).extracting(TraceRow::messageTraceId).containsExactly("t1");
            assertThat(rows.get(0).recipientAddress()).isEqualTo("alias@example.org");
            assertThat(rows.get(0).finalRecipients()).containsExactly("carol@example.net");
        }
        assertThat(store.get("t1").orElseThrow().recipients().get(0).finalRecipients()).containsExactly("carol@example.net");
        assertThat(store.search(TraceQuery.builder().recipients(List.of("carol@example.net"))
                .scopeDomains(Set.of("example.net")).build(), null, 10).rows())
                .as("a final recipient is searchable but does not widen a domain scope").isEmpty();
    }

    @Test
    void deleteRemovesTheTraceAndAllItsRows() {
        upsert(trace("t1").recipient("a@x.org", DeliveryStatus.Delivered).recipient("b@x.org", DeliveryStatus.Failed).build(),
                trace("t2").build());
        commit(List.of(), List.of("t1", "never-stored"), null);

        assertThat(store.get("t1")).isEmpty();
        assertThat(traceIdsOf(TraceQuery.all())).containsExactly("t2");
    }

    @Test
    void getReturnsTheWholeTraceOrEmpty() {
        MessageTrace t = trace("t1").recipient("a@x.org", DeliveryStatus.Delivered).recipient("b@y.org", DeliveryStatus.Failed).build();
        upsert(t);
        assertThat(store.get("t1")).contains(t);
        assertThat(store.get("unknown")).isEmpty();
    }

    // --- checkpoint ---

    @Test
    void newStoreHasAnEmptyCheckpoint() {
        assertThat(store.checkpoint()).isEqualTo(IngestCheckpoint.empty());
    }

    @Test
    void checkpointWithLargeCorrelatorStateRoundTripsAcrossReopen() {
        String state = "open-messages:" + "q".repeat(5 * 1024 * 1024);
        IngestCheckpoint cp = new IngestCheckpoint(
                Map.of("/var/log/mail.log", new SourcePosition("/var/log/mail.log", "dev=2049,ino=77,fp=ab12", 123_456L, 789L)),
                state);
        commit(List.of(trace("t1").build()), List.of(), cp);
        assertSameCheckpoint(store.checkpoint(), cp);

        store.close();
        store = fixture.open(false);
        assertSameCheckpoint(store.checkpoint(), cp);
        assertThat(store.get("t1")).isPresent();
    }

    @Test
    void checkpointStateIsTheOneOfTheLastCommitThatCarriedOne() throws Exception {
        commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "state-1"));
        commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), "state-2"));
        commit(List.of(trace("t1").build()), List.of(), null);
        assertThat(store.checkpoint().correlatorState().text()).isEqualTo("state-2");
        commit(List.of(), List.of(), new IngestCheckpoint(Map.of(), (SavedState) null));
        assertThat(store.checkpoint().correlatorState()).isNull();
    }

    @Test
    void stagedTracesAppearWithTheNextCommitTogetherWithItsCheckpoint() {
        upsert(trace("t1").build());
        store.stage(List.of(trace("t2").build()), List.of("t1"));
        awaitVisible();
        try (TraceStore reader = openObserver()) {
            assertThat(traceIdsOfStore(reader)).containsExactly("t1");
        }
        IngestCheckpoint cp = new IngestCheckpoint(Map.of("a", new SourcePosition("a", "i", 100, 2)), "after-t2");
        commit(List.of(trace("t3").build()), List.of(), cp);
        try (TraceStore reader = openObserver()) {
            assertThat(traceIdsOfStore(reader)).containsExactly("t2", "t3");
            assertSameCheckpoint(reader.checkpoint(), cp);
        }
    }

    @Test
    void stagedTracesWithoutACommitAreGoneAfterReopening() {
        upsert(trace("t1").build());
        store.stage(List.of(trace("t2").build()), List.of("t1"));
        store.close();
        store = fixture.open(false);
        assertThat(traceIdsOfStore(store)).containsExactly("t1");
    }

    @Test
    void commitWithoutCheckpointKeepsThePreviousOne() {
        IngestCheckpoint cp = new IngestCheckpoint(Map.of("-", new SourcePosition("-", "stdin", 10, 1)), "s1");
        commit(List.of(), List.of(), cp);
        upsert(trace("t1").build());
        assertSameCheckpoint(store.checkpoint(), cp);
    }

    @Test
    void checkpointAndTracesOfOneCommitBecomeVisibleTogether() {
        IngestCheckpoint cp1 = new IngestCheckpoint(Map.of("a", new SourcePosition("a", "i", 100, 2)), "state-1");
        commit(List.of(trace("t1").build()), List.of(), cp1);
        IngestCheckpoint cp2 = new IngestCheckpoint(Map.of("a", new SourcePosition("a", "i", 200, 4)), "state-2");
        commit(List.of(trace("t2").build()), List.of("t1"), cp2);

        try (TraceStore reader = openObserver()) {
            assertSameCheckpoint(reader.checkpoint(), cp2);
            assertThat(traceIdsOfStore(reader)).containsExactly("t2");
        }
    }

    private static List<String> traceIdsOfStore(TraceStore s) {
        return s.search(TraceQuery.all(), null, 1000).rows().stream().map(TraceRow::messageTraceId).distinct().toList();
    }

    // --- ordering and paging ---

    @Test
    void rowsComeNewestFirstThenByTraceIdThenRecipient() {
        upsert(trace("b").received(T0).recipient("z@x.org", DeliveryStatus.Delivered).recipient("a@x.org", DeliveryStatus.Delivered).build(),
                trace("a").received(T0).recipient("m@x.org", DeliveryStatus.Delivered).build(),
                trace("c").received(T0.plusSeconds(60)).build());
        assertThat(all(TraceQuery.all())).extracting(r -> r.messageTraceId() + "/" + r.recipientAddress())
                .containsExactly("c/bob@example.org", "a/m@x.org", "b/a@x.org", "b/z@x.org");
    }

    @Test
    void pagingWithTheCursorYieldsEveryRowExactlyOnceInOrder() {
        List<MessageTrace> traces = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            // Only 37 distinct times: many ties, so the trace ID and recipient tie-breaks matter.
            traces.add(trace(String.format("trace-%04d", i)).received(T0.plusSeconds(i % 37))
                    .recipient("r" + (i % 5) + "@x.org", DeliveryStatus.Delivered)
                    .recipient("a@y.org", DeliveryStatus.Pending)
                    .recipient("q@z.org", DeliveryStatus.Failed).build());
        }
        commit(traces, List.of(), null);
        List<TraceRow> expected = traces.stream().flatMap(t -> t.rows().stream())
                .sorted(Comparator.comparing(TraceRow::received).reversed()
                        .thenComparing(TraceRow::messageTraceId).thenComparing(TraceRow::recipientAddress))
                .toList();

        List<TraceRow> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            TracePage page = store.search(TraceQuery.all(), cursor, 97);
            assertThat(page.rows().size()).isLessThanOrEqualTo(97);
            seen.addAll(page.rows());
            cursor = page.next();
            pages++;
        } while (cursor != null);

        assertThat(expected).hasSize(1260);
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((1260 + 96) / 97);
        assertThat(store.count(TraceQuery.all())).isEqualTo(1260);
    }

    @Test
    void nextIsNullExactlyWhenNoMoreRowsMatch() {
        for (int i = 0; i < 10; i++) {
            upsert(trace("t" + i).received(T0.plusSeconds(i)).build());
        }
        assertThat(store.search(TraceQuery.all(), null, 10).next()).isNull();
        TracePage first = store.search(TraceQuery.all(), null, 5);
        assertThat(first.next()).isNotNull();
        TracePage second = store.search(TraceQuery.all(), first.next(), 5);
        assertThat(second.rows()).hasSize(5);
        assertThat(second.next()).isNull();
        assertThat(store.search(TraceQuery.all(), null, 9).next()).isNotNull();
    }

    @Test
    void limitLargerThanTheResultsReturnsThemAllWithoutNext() {
        upsert(trace("t1").build(), trace("t2").build());
        TracePage page = store.search(TraceQuery.all(), null, Integer.MAX_VALUE);
        assertThat(page.rows()).hasSize(2);
        assertThat(page.next()).isNull();
    }

    @Test
    void emptyStoreSearchesToAnEmptyPage() {
        TracePage page = store.search(TraceQuery.all(), null, 50);
        assertThat(page.rows()).isEmpty();
        assertThat(page.next()).isNull();
        assertThat(store.count(TraceQuery.all())).isZero();
    }

    @Test
    void malformedCursorIsAnIllegalArgument() {
        upsert(trace("t1").build());
        for (String bad : List.of("not a cursor!", "AAAA", "", "%%%")) {
            assertThatThrownBy(() -> store.search(TraceQuery.all(), bad, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid cursor");
        }
    }

    // --- address criteria ---

    private void storeAddressSamples() {
        upsert(trace("t-alice").sender("Alice@Example.COM").recipient("bob@example.org", DeliveryStatus.Delivered).build(),
                trace("t-carol").sender("carol@sub.example.com").recipient("Jim.Bobby@corp.net", DeliveryStatus.Delivered).build(),
                trace("t-odd").sender("what?ever@odd.org").recipient("x@example.org.evil", DeliveryStatus.Delivered).build(),
                trace("t-bounce").sender("").recipient("alice@example.com", DeliveryStatus.Delivered).build());
    }

    @Test
    void senderPatternsMatchExactAndWildcardFormsCaseInsensitively() {
        storeAddressSamples();
        assertThat(traceIdsOf(senders("alice@example.com"))).containsExactly("t-alice");
        assertThat(traceIdsOf(senders("*@EXAMPLE.com"))).containsExactly("t-alice");
        assertThat(traceIdsOf(senders("*example.com"))).containsExactly("t-alice", "t-carol");
        assertThat(traceIdsOf(senders("ALICE@*"))).containsExactly("t-alice");
        assertThat(traceIdsOf(senders("*aro*"))).containsExactly("t-carol");
        assertThat(traceIdsOf(senders("<alice@example.com>"))).containsExactly("t-alice");
        assertThat(traceIdsOf(senders("alice@example.com", "carol@*"))).containsExactly("t-alice", "t-carol");
    }

    @Test
    void onlyStarIsAWildcardInAddressPatterns() {
        storeAddressSamples();
        assertThat(traceIdsOf(senders("what?ever@*"))).containsExactly("t-odd");
        assertThat(traceIdsOf(senders("whatXever@*"))).isEmpty();
        assertThat(traceIdsOf(senders("a?ice@example.com"))).isEmpty();
    }

    @Test
    void nullSenderIsMatchedByAngleBracketsOrTheEmptyString() {
        storeAddressSamples();
        assertThat(traceIdsOf(senders("<>"))).containsExactly("t-bounce");
        assertThat(traceIdsOf(senders(""))).containsExactly("t-bounce");
        assertThat(all(senders("<>")).get(0).senderAddress()).isEmpty();
    }

    @Test
    void recipientPatternsUseTheSameSyntax() {
        storeAddressSamples();
        assertThat(recipientsOf(recipients("*@example.org"))).containsExactly("bob@example.org");
        assertThat(recipientsOf(recipients("*bob*"))).containsExactly("Jim.Bobby@corp.net", "bob@example.org");
        assertThat(recipientsOf(recipients("jim.bobby@corp.net"))).containsExactly("Jim.Bobby@corp.net");
        assertThat(recipientsOf(recipients("x@*"))).containsExactly("x@example.org.evil");
    }

    @Test
    void senderAndRecipientCriteriaCombineWithAnd() {
        storeAddressSamples();
        TraceQuery q = TraceQuery.builder().senders(List.of("*@example.com")).recipients(List.of("*@example.org")).build();
        assertThat(traceIdsOf(q)).containsExactly("t-alice");
    }

    private static TraceQuery senders(String... patterns) {
        return TraceQuery.builder().senders(List.of(patterns)).build();
    }

    private static TraceQuery recipients(String... patterns) {
        return TraceQuery.builder().recipients(List.of(patterns)).build();
    }

    // --- scope ---

    @Test
    void scopeDomainsShowRowsWhoseSenderOrRecipientIsInTheDomainOrASubdomain() {
        upsert(trace("t-sub").sender("a@mail.example.org").recipient("b@other.net", DeliveryStatus.Delivered).build(),
                trace("t-rcpt").sender("c@far.com").recipient("d@example.org", DeliveryStatus.Delivered).build(),
                trace("t-lookalike").sender("e@notexample.org").recipient("f@example.org.evil", DeliveryStatus.Delivered).build());
        assertThat(traceIdsOf(scope("example.org"))).containsExactly("t-rcpt", "t-sub");
        assertThat(traceIdsOf(scope("EXAMPLE.ORG"))).containsExactly("t-rcpt", "t-sub");
        assertThat(traceIdsOf(scope("mail.example.org"))).containsExactly("t-sub");
        assertThat(traceIdsOf(scope("other.net", "far.com"))).containsExactly("t-rcpt", "t-sub");
        assertThat(traceIdsOf(scope("nowhere.test"))).isEmpty();
    }

    private static TraceQuery scope(String... domains) {
        return TraceQuery.builder().scopeDomains(Set.of(domains)).build();
    }

    // --- status, direction, ids ---

    @Test
    void statusesCombineWithOr() {
        upsert(trace("t1").recipient("d@x.org", DeliveryStatus.Delivered).recipient("f@x.org", DeliveryStatus.Failed)
                .recipient("p@x.org", DeliveryStatus.Pending).build());
        assertThat(recipientsOf(TraceQuery.builder().statuses(Set.of(DeliveryStatus.Failed, DeliveryStatus.Pending)).build()))
                .containsExactly("f@x.org", "p@x.org");
        assertThat(recipientsOf(TraceQuery.builder().statuses(Set.of(DeliveryStatus.Quarantined)).build())).isEmpty();
    }

    @Test
    void directionSelectsRowsOfThatDirection() {
        upsert(trace("t1").recipient("in@ours.org", DeliveryStatus.Delivered, null, Direction.Internal)
                .recipient("out@far.com", DeliveryStatus.Delivered, "203.0.113.5", Direction.Outbound).build());
        assertThat(recipientsOf(TraceQuery.builder().direction(Direction.Internal).build())).containsExactly("in@ours.org");
        assertThat(recipientsOf(TraceQuery.builder().direction(Direction.Inbound).build())).isEmpty();
    }

    @Test
    void messageIdMatchesWithOrWithoutAngleBrackets() {
        upsert(trace("t1").messageId("<Abc.123@mail.example.com>").build(), trace("t2").build());
        assertThat(traceIdsOf(TraceQuery.builder().messageId("<Abc.123@mail.example.com>").build())).containsExactly("t1");
        assertThat(traceIdsOf(TraceQuery.builder().messageId("Abc.123@mail.example.com").build())).containsExactly("t1");
    }

    @Test
    void messageTraceIdSelectsOneTrace() {
        upsert(trace("t1").build(), trace("t2").build());
        assertThat(traceIdsOf(TraceQuery.builder().messageTraceId("t2").build())).containsExactly("t2");
    }

    @Test
    void findByMessageIdReturnsEveryTraceOldestFirst() {
        upsert(trace("late").received(T0.plusSeconds(300)).messageId("<same@x>").build(),
                trace("early").received(T0).messageId("<same@x>").build(),
                trace("other").messageId("<other@x>").build());
        assertThat(store.findByMessageId("same@x")).extracting(MessageTrace::messageTraceId).containsExactly("early", "late");
        assertThat(store.findByMessageId("<same@x>")).extracting(MessageTrace::messageTraceId).containsExactly("early", "late");
        assertThat(store.findByMessageId("<none@x>")).isEmpty();
    }

    // --- IP criteria ---

    @Test
    void ipCriteriaMatchExactAddressesAndCidrRangesForBothFamilies() {
        upsert(trace("v4").fromIp("192.0.2.77").recipient("a@x.org", DeliveryStatus.Delivered, "198.51.100.9", Direction.Outbound).build(),
                trace("v6").fromIp("2001:db8:5::1").recipient("b@x.org", DeliveryStatus.Delivered, "2001:db8:ff::25", Direction.Outbound).build(),
                trace("none").fromIp(null).recipient("c@x.org", DeliveryStatus.Delivered, null, Direction.Internal).build());
        assertThat(traceIdsOf(TraceQuery.builder().fromIp("192.0.2.77").build())).containsExactly("v4");
        assertThat(traceIdsOf(TraceQuery.builder().fromIp("192.0.2.0/24").build())).containsExactly("v4");
        assertThat(traceIdsOf(TraceQuery.builder().fromIp("192.0.3.0/24").build())).isEmpty();
        assertThat(traceIdsOf(TraceQuery.builder().fromIp("2001:db8::/32").build())).containsExactly("v6");
        assertThat(traceIdsOf(TraceQuery.builder().fromIp("2001:DB8:5:0::1").build())).containsExactly("v6");
        assertThat(traceIdsOf(TraceQuery.builder().toIp("198.51.100.0/25").build())).containsExactly("v4");
        assertThat(traceIdsOf(TraceQuery.builder().toIp("2001:db8:ff::/48").build())).containsExactly("v6");
        assertThat(traceIdsOf(TraceQuery.builder().fromIp("0.0.0.0/0").build())).containsExactly("v4");
    }

    @Test
    void badIpOrCidrIsAnIllegalArgumentNamingTheValue() {
        for (String bad : List.of("192.0.2.300", "192.0.2.0/33", "2001:db8::/129", "mail.example.com", "10.0.0.0/x", "1.2.3")) {
            assertThatThrownBy(() -> store.search(TraceQuery.builder().fromIp(bad).build(), null, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }

    // --- subject ---

    @Test
    void subjectMatchesContainsStartsWithAndEndsWithCaseInsensitively() {
        upsert(trace("t-special").subject("Re: [Ticket #42] Invoice *URGENT* 100% (ok?) \\o/").build(),
                trace("t-plain").subject("Invoice for March").build(),
                trace("t-none").subject(null).build());
        assertThat(traceIdsOf(subject("invoice", SubjectMatch.CONTAINS))).containsExactly("t-plain", "t-special");
        assertThat(traceIdsOf(subject("*urgent*", SubjectMatch.CONTAINS))).containsExactly("t-special");
        assertThat(traceIdsOf(subject("(OK?)", SubjectMatch.CONTAINS))).containsExactly("t-special");
        assertThat(traceIdsOf(subject("100% (ok?) \\O/", SubjectMatch.ENDSWITH))).containsExactly("t-special");
        assertThat(traceIdsOf(subject("o/", SubjectMatch.ENDSWITH))).containsExactly("t-special");
        assertThat(traceIdsOf(subject("MARCH", SubjectMatch.ENDSWITH))).containsExactly("t-plain");
        assertThat(traceIdsOf(subject("re: [ticket", SubjectMatch.STARTSWITH))).containsExactly("t-special");
        assertThat(traceIdsOf(subject("INVOICE", SubjectMatch.STARTSWITH))).containsExactly("t-plain");
        assertThat(traceIdsOf(subject("ok*", SubjectMatch.CONTAINS))).isEmpty();
        assertThat(traceIdsOf(subject("Ticket", SubjectMatch.ENDSWITH))).isEmpty();
    }

    private static TraceQuery subject(String text, SubjectMatch match) {
        return TraceQuery.builder().subject(text, match).build();
    }

    // --- time ---

    @Test
    void timeRangeIncludesStartAndExcludesEnd() {
        upsert(trace("before").received(T0.minusNanos(1000)).build(),
                trace("at-start").received(T0).build(),
                trace("inside").received(T0.plusSeconds(30)).build(),
                trace("at-end").received(T0.plusSeconds(60)).build());
        TraceQuery q = TraceQuery.builder().start(T0).end(T0.plusSeconds(60)).build();
        assertThat(traceIdsOf(q)).containsExactly("at-start", "inside");
        assertThat(traceIdsOf(TraceQuery.builder().start(T0.plusSeconds(30)).build())).containsExactly("at-end", "inside");
        assertThat(traceIdsOf(TraceQuery.builder().end(T0).build())).containsExactly("before");
    }

    // --- retention ---

    @Test
    void deleteReceivedBeforeRemovesOlderTracesAndCountsThem() {
        upsert(trace("old1").received(T0.minusSeconds(86_400)).recipient("a@x.org", DeliveryStatus.Delivered)
                        .recipient("b@x.org", DeliveryStatus.Delivered).build(),
                trace("old2").received(T0.minusSeconds(1)).build(),
                trace("at-cutoff").received(T0).build(),
                trace("new").received(T0.plusSeconds(1)).build());
        IngestCheckpoint cp = new IngestCheckpoint(Map.of(), "keep-me");
        commit(List.of(), List.of(), cp);

        assertThat(store.deleteReceivedBefore(T0)).isEqualTo(2);
        awaitVisible();
        assertThat(traceIdsOf(TraceQuery.all())).containsExactly("at-cutoff", "new");
        assertThat(store.get("old1")).isEmpty();
        assertSameCheckpoint(store.checkpoint(), cp);
        assertThat(store.deleteReceivedBefore(T0)).isZero();
    }

    // --- hop directory (ingest processes joining a relay hop across their hosts) ---

    private static HopRecord hop(String traceId, Instant time, String inbound, String... outbound) {
        List<HopKey> out = new ArrayList<>();
        for (String q : outbound) {
            out.add(new HopKey(q, time.plusSeconds(5), "q|" + traceId + "|" + q));
        }
        HopKey in = inbound == null ? null : new HopKey(inbound, time, "q|" + traceId);
        return new HopRecord(traceId, time, in, out, "{\"facts\":\"of " + traceId + " \u00e9\"}");
    }

    private HopDirectory hops() {
        return store.hopDirectory().orElseThrow(() -> new AssertionError(store + " offers no hop directory"));
    }

    private List<HopRecord> find(String... queueIds) {
        return hops().find(List.of(queueIds)).stream().sorted(Comparator.comparing(HopRecord::traceId)).toList();
    }

    @Test
    void publishedHopRecordsAreFoundAfterTheCommitByAnyOfTheirQueueIds() {
        HopRecord mx = hop("mx-trace", T0, "Q1", "Q2", "Q3");
        HopRecord hub = hop("hub-trace", T0.plusSeconds(2), "Q2");
        hops().publish(List.of(mx, hub));
        commit(List.of(), List.of(), null);

        assertThat(find("Q1")).containsExactly(mx);
        assertThat(find("Q2")).containsExactly(hub, mx);
        assertThat(find("Q3", "Q9")).containsExactly(mx);
        assertThat(find("Q9")).isEmpty();
        assertThat(hops().find(List.of())).isEmpty();
    }

    @Test
    void aHopRecordPublishedAgainReplacesTheOneOfTheSameTrace() {
        hops().publish(List.of(hop("t1", T0, "Q1", "Q2")));
        commit(List.of(), List.of(), null);
        HopRecord later = hop("t1", T0, "Q1", "Q5");
        hops().publish(List.of(later));
        commit(List.of(), List.of(), null);

        assertThat(find("Q2")).isEmpty();
        assertThat(find("Q1", "Q5")).containsExactly(later);
    }

    @Test
    void hopRecordsSurviveReopenAndAreSeenByAnotherOpenerOfTheStore() {
        HopRecord r = hop("t1", T0, "Q1");
        hops().publish(List.of(r));
        commit(List.of(), List.of(), null);
        store.close();
        store = fixture.open(false);

        assertThat(find("Q1")).containsExactly(r);
    }

    @Test
    void hopRecordsNeverShowInSearchesCountsOrGetAndOutliveTheirTracesDeletion() {
        MessageTrace t = trace("t1").recipient("a@x.org", DeliveryStatus.Delivered).build();
        hops().publish(List.of(hop("t1", T0, "Q1"), hop("only-a-record", T0, "Q2")));
        commit(List.of(t), List.of(), null);

        assertThat(all(TraceQuery.all())).containsExactlyElementsOf(t.rows());
        assertThat(store.count(TraceQuery.all())).isEqualTo(1);
        assertThat(store.get("only-a-record")).isEmpty();

        commit(List.of(), List.of("t1"), null);
        assertThat(all(TraceQuery.all())).isEmpty();
        assertThat(find("Q1", "Q2")).extracting(HopRecord::traceId).containsExactly("only-a-record", "t1");
    }

    @Test
    void deleteReceivedBeforeAlsoRemovesOlderHopRecords() {
        hops().publish(List.of(hop("old", T0.minusSeconds(86_400), "Q1"), hop("new", T0.plusSeconds(1), "Q1")));
        upsert(trace("kept").received(T0.plusSeconds(1)).build());

        store.deleteReceivedBefore(T0);
        awaitVisible();
        assertThat(find("Q1")).extracting(HopRecord::traceId).containsExactly("new");
        assertThat(traceIdsOf(TraceQuery.all())).containsExactly("kept");
    }

    private void commitJoined(JoinedTrace... joined) {
        hops().upsertJoined(List.of(joined));
        commit(List.of(), List.of(), null);
    }

    /**
     * Two processes following live logs join one relayed message from different versions of its
     * halves; the join built from the newest records must stay stored whatever lands after it.
     */
    @Test
    void aJoinedTraceBuiltFromLessNeverReplacesOneBuiltFromMoreWhateverLandsAfterIt() {
        MessageTrace newest = trace("j1").subject("both halves, newest").recipient("a@x.org", DeliveryStatus.Delivered)
                .recipient("b@x.org", DeliveryStatus.Delivered).build();
        MessageTrace older = trace("j1").subject("one half older").recipient("a@x.org", DeliveryStatus.Pending).build();
        MessageTrace oldest = trace("j1").subject("both halves older").build();

        commitJoined(new JoinedTrace(older, 7));
        assertThat(store.get("j1")).contains(older);
        commitJoined(new JoinedTrace(newest, 10));
        commitJoined(new JoinedTrace(older, 7));
        commitJoined(new JoinedTrace(oldest, 4));

        assertThat(store.get("j1")).contains(newest);
        assertThat(all(TraceQuery.all())).containsExactlyElementsOf(newest.rows());
        store.close();
        store = fixture.open(false);
        commitJoined(new JoinedTrace(older, 9));
        assertThat(store.get("j1")).contains(newest);
        assertThat(recipientsOf(TraceQuery.all())).containsExactly("a@x.org", "b@x.org");

        MessageTrace again = trace("j1").subject("the same records joined again").recipient("a@x.org", DeliveryStatus.Delivered).build();
        commitJoined(new JoinedTrace(again, 10));
        assertThat(store.get("j1")).contains(again);
        assertThat(all(TraceQuery.all())).containsExactlyElementsOf(again.rows());
    }

    @Test
    void withinOneCommitTheJoinBuiltFromMoreWinsInEitherOrder() {
        MessageTrace more = trace("j1").subject("more").recipient("a@x.org", DeliveryStatus.Delivered).build();
        MessageTrace less = trace("j1").subject("less").build();
        MessageTrace other = trace("j2").subject("other").build();
        hops().upsertJoined(List.of(new JoinedTrace(more, 5)));
        hops().upsertJoined(List.of(new JoinedTrace(less, 3), new JoinedTrace(other, 1)));
        commit(List.of(), List.of(), null);
        assertThat(store.get("j1")).contains(more);
        assertThat(store.get("j2")).contains(other);

        hops().upsertJoined(List.of(new JoinedTrace(less, 6)));
        hops().upsertJoined(List.of(new JoinedTrace(more, 8)));
        commit(List.of(), List.of(), null);
        assertThat(store.get("j1")).contains(more);
    }

    @Test
    void aPlainUpsertCountsAsJoinedFromNothingAndADeleteForgetsTheJoin() {
        MessageTrace joined = trace("j1").subject("joined").recipient("a@x.org", DeliveryStatus.Delivered).build();
        MessageTrace alone = trace("j1").subject("one side alone").build();
        MessageTrace rejoined = trace("j1").subject("joined again").build();
        commitJoined(new JoinedTrace(joined, 10));

        upsert(alone);
        assertThat(store.get("j1")).contains(alone);
        commitJoined(new JoinedTrace(rejoined, 1));
        assertThat(store.get("j1")).contains(rejoined);

        commit(List.of(), List.of("j1"), null);
        assertThat(store.get("j1")).isEmpty();
        commitJoined(new JoinedTrace(joined, 0));
        assertThat(store.get("j1")).contains(joined);
    }

    @Test
    void aJoinedTraceAndTheCommitsOwnChangesApplyInOrder() {
        MessageTrace joined = trace("j1").subject("joined").recipient("a@x.org", DeliveryStatus.Delivered).build();
        MessageTrace alone = trace("j2").subject("the other side alone").build();
        upsert(alone);

        hops().upsertJoined(List.of(new JoinedTrace(joined, 4)));
        commit(List.of(), List.of("j2"), null);

        assertThat(traceIdsOf(TraceQuery.all())).containsExactly("j1");
        assertThat(store.get("j2")).isEmpty();
    }

    // --- concurrency ---

    @Test
    void searchesRunSafelyWhileAnotherThreadCommits() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong lastCount = new java.util.concurrent.atomic.AtomicLong();
        Thread searcher = new Thread(() -> {
            try {
                while (!done.get()) {
                    long n = store.count(TraceQuery.all());
                    TracePage page = store.search(TraceQuery.all(), null, 7);
                    if (n < lastCount.get()) {
                        throw new AssertionError("count went back from " + lastCount.get() + " to " + n);
                    }
                    if (page.rows().size() > 7 || !isNewestFirst(page.rows())) {
                        throw new AssertionError("bad page while committing: " + page.rows());
                    }
                    lastCount.set(n);
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        searcher.start();
        for (int batch = 0; batch < 40; batch++) {
            List<MessageTrace> traces = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                traces.add(trace("c" + batch + "-" + i).received(T0.plusSeconds(batch)).build());
            }
            commit(traces, List.of(), null);
        }
        done.set(true);
        searcher.join(10_000);
        assertThat(failure.get()).isNull();
        assertThat(store.count(TraceQuery.all())).isEqualTo(200);
    }

    private static boolean isNewestFirst(List<TraceRow> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).received().isAfter(rows.get(i - 1).received())) {
                return false;
            }
        }
        return true;
    }

    // --- read-only ---

    @Test
    void readOnlyStoreSeesWhatAWriterCommitsAndRefusesWrites() {
        assumeTrue(supportsReadOnlyOpen(), "the store has no read-only open");
        upsert(trace("t1").build());
        try (TraceStore reader = fixture.open(true)) {
            assertThat(traceIdsOfStore(reader)).containsExactly("t1");
            upsert(trace("t2").received(T0.plusSeconds(5)).build());
            assertThat(traceIdsOfStore(reader)).containsExactly("t2", "t1");
            assertThat(reader.get("t2")).isPresent();

            assertThatThrownBy(() -> reader.commit(List.of(trace("t3").build()), List.of(), null))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
            assertThatThrownBy(() -> reader.deleteReceivedBefore(Instant.MAX))
                    .isInstanceOf(StoreException.class).hasMessageContaining("read-only");
        }
        assertThat(store.get("t3")).isEmpty();
    }

    @Test
    void readOnlyStoreWhereNoneWasWrittenIsEmpty() {
        assumeTrue(supportsReadOnlyOpen(), "the store has no read-only open");
        try (TraceStore reader = newFixture().open(true)) {
            assertThat(reader.search(TraceQuery.all(), null, 10).rows()).isEmpty();
            assertThat(reader.count(TraceQuery.all())).isZero();
            assertThat(reader.checkpoint()).isEqualTo(IngestCheckpoint.empty());
            assertThat(reader.get("t1")).isEmpty();
        }
    }

    private static MessageTrace withEvents(MessageTrace t, org.mailtrace.model.TraceEvent... extra) {
        List<org.mailtrace.model.TraceEvent> ev = new ArrayList<>(t.events());
        ev.addAll(List.of(extra));
        return new MessageTrace(t.messageTraceId(), t.received(), t.senderAddress(), t.subject(), t.messageId(),
                t.fromIp(), t.size(), t.hosts(), t.queueIds(), t.recipients(), ev, t.related());
    }

    private void storeStatsSamples() {
        org.mailtrace.model.TraceEvent reject = new org.mailtrace.model.TraceEvent(T0.plusSeconds(2),
                org.mailtrace.model.EventType.REJECT, "smtpd",
                "Refused at RCPT by mx1 (smtpd): 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown [5.1.1: no such mailbox]",
                "nobody@example.org", Map.of());
        org.mailtrace.model.TraceEvent defer = new org.mailtrace.model.TraceEvent(T0.plusSeconds(3),
                org.mailtrace.model.EventType.DEFER, "smtp",
                "Delivery deferred, will retry, by smtp on mx1 via x[192.0.2.1]:25: host x said: 451 4.7.1 <later@partner.net>: Greylisted (in reply to RCPT TO command)",
                "later@partner.net", Map.of());
        upsert(withEvents(trace("s1").recipient("bob@example.org", DeliveryStatus.Delivered, "198.51.100.25", Direction.Inbound)
                        .recipient("nobody@example.org", DeliveryStatus.Failed, null, Direction.Inbound).build(), reject),
                withEvents(trace("s2").received(T0.plusSeconds(3600)).sender("bob@example.org")
                        .recipient("later@partner.net", DeliveryStatus.Pending, null, Direction.Outbound).build(), defer),
                trace("s3").received(T0.plusSeconds(3700)).sender("").recipient("bob@example.org", DeliveryStatus.Delivered, null, Direction.Internal).build(),
                trace("outside").received(T0.plusSeconds(86_400 * 3)).build());
    }

    @Test
    void aggregateCountsRowsPerBucketByStatusAndDirection() {
        storeStatsSamples();
        StoreStats s = store.aggregate(TraceQuery.all(), T0, T0.plusSeconds(7200), java.time.Duration.ofHours(1), 10);
        assertThat(s.series()).hasSize(2);
        assertThat(s.series().get(0).start()).isEqualTo(T0);
        assertThat(s.series().get(0).byStatus()).containsEntry(DeliveryStatus.Delivered, 1L).containsEntry(DeliveryStatus.Failed, 1L)
                .containsEntry(DeliveryStatus.Pending, 0L);
        assertThat(s.series().get(0).byDirection()).containsEntry(Direction.Inbound, 2L);
        assertThat(s.series().get(1).byStatus()).containsEntry(DeliveryStatus.Pending, 1L).containsEntry(DeliveryStatus.Delivered, 1L);
        assertThat(s.series().get(1).byDirection()).containsEntry(Direction.Outbound, 1L).containsEntry(Direction.Internal, 1L);
    }

    @Test
    void aggregateRanksSendersRecipientsDomainsAndNormalisedReasons() {
        storeStatsSamples();
        StoreStats s = store.aggregate(TraceQuery.all(), T0, T0.plusSeconds(7200), java.time.Duration.ofHours(1), 2);
        assertThat(s.topSenders()).containsExactly(new StoreStats.KeyCount("alice@example.com", 2), new StoreStats.KeyCount("<>", 1));
        assertThat(s.topRecipients()).containsExactly(new StoreStats.KeyCount("bob@example.org", 2), new StoreStats.KeyCount("later@partner.net", 1));
        assertThat(s.topDomains()).containsExactly(new StoreStats.KeyCount("example.com", 2), new StoreStats.KeyCount("example.org", 1));
        assertThat(s.topRejectReasons()).containsExactly(new StoreStats.KeyCount("550 5.1.1 Recipient address rejected: User unknown", 1));
        assertThat(s.topDeferralReasons()).containsExactly(new StoreStats.KeyCount("451 4.7.1 Greylisted", 1));
    }

    @Test
    void aggregateHonoursTheScopeDomains() {
        storeStatsSamples();
        TraceQuery scope = TraceQuery.builder().scopeDomains(Set.of("partner.net")).build();
        StoreStats s = store.aggregate(scope, T0, T0.plusSeconds(7200), java.time.Duration.ofHours(1), 10);
        assertThat(s.topRecipients()).containsExactly(new StoreStats.KeyCount("later@partner.net", 1));
        assertThat(s.series().stream().mapToLong(b -> b.byStatus().values().stream().mapToLong(Long::longValue).sum()).sum()).isEqualTo(1);
    }
}
