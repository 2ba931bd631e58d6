package org.mailtrace.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    /** A clock the test moves. */
    static final class Manual extends Clock {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void runningWindowAllowsAgainWhenTheOldestRequestLeavesIt() {
        Manual clock = new Manual();
        RateLimiter r = new RateLimiter(100, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(r.acquire("u")).isZero();
            clock.now = clock.now.plusSeconds(1);
        }
        assertThat(r.acquire("u")).isEqualTo(200);
        assertThat(r.acquire("other")).isZero();
        clock.now = clock.now.plusSeconds(200);
        assertThat(r.acquire("u")).isZero();
        assertThat(r.acquire("u")).isEqualTo(1);
    }

    @Test
    void zeroTurnsItOff() {
        RateLimiter r = new RateLimiter(0, Duration.ofSeconds(1), new Manual());
        for (int i = 0; i < 10_000; i++) {
            assertThat(r.acquire("u")).isZero();
        }
    }

    @Test
    void addressesWithNoRequestLeftInTheWindowAreForgottenSoMadeUpAddressesCannotFillMemory() {
        Manual clock = new Manual();
        RateLimiter r = new RateLimiter(5, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 50_000; i++) {
            r.acquire("ip:2001:db8::" + Integer.toHexString(i));
        }
        assertThat(r.acquire("ip:192.0.2.7")).isZero();
        assertThat(r.keys()).isEqualTo(50_001);
        clock.now = clock.now.plusSeconds(200);
        assertThat(r.acquire("ip:192.0.2.7")).isZero();
        clock.now = clock.now.plusSeconds(101); // the made-up addresses' only request has left the window
        assertThat(r.acquire("ip:192.0.2.8")).isZero();
        assertThat(r.keys()).as("only the addresses with a request in the last 5 minutes").isEqualTo(2);
        assertThat(r.retryAfter("ip:192.0.2.7")).isZero();
        for (int i = 0; i < 4; i++) { // with the one at +200 s: the limit of 5
            assertThat(r.acquire("ip:192.0.2.7")).isZero();
        }
        assertThat(r.acquire("ip:192.0.2.7")).as("its earlier request still counts").isPositive();
    }
}
