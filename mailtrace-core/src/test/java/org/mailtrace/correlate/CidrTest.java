package org.mailtrace.correlate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void matchesIpv4Networks() {
        Cidr net = Cidr.parse("192.0.2.0/24");
        assertThat(net.contains("192.0.2.1")).isTrue();
        assertThat(net.contains("192.0.3.1")).isFalse();
        assertThat(Cidr.parse("10.0.0.0/8").contains("10.255.1.2")).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.7")).isTrue();
        assertThat(Cidr.parse("192.0.2.7").contains("192.0.2.8")).isFalse();
    }

    @Test
    void matchesIpv6NetworksAndMappedIpv4() {
        Cidr net = Cidr.parse("2001:db8::/32");
        assertThat(net.contains("2001:db8:1::5")).isTrue();
        assertThat(net.contains("2001:db9::5")).isFalse();
        assertThat(net.contains("192.0.2.1")).isFalse();
        assertThat(Cidr.parse("::1/128").contains("::1")).isTrue();
        assertThat(Cidr.parse("::1/128").contains("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(Cidr.parse("192.0.2.0/24").contains("::ffff:192.0.2.9")).isTrue();
        assertThat(Cidr.parse("fe80::/10").contains("fe80::1%eth0")).isTrue();
        assertThat(Cidr.parse("2001:db8::/32").contains("IPv6:2001:db8::1")).isTrue();
    }

    @Test
    void loopbackIsRecognised() {
        assertThat(Cidr.isLoopback("127.0.0.1")).isTrue();
        assertThat(Cidr.isLoopback("127.3.2.1")).isTrue();
        assertThat(Cidr.isLoopback("::1")).isTrue();
        assertThat(Cidr.isLoopback("128.0.0.1")).isFalse();
        assertThat(Cidr.isLoopback(null)).isFalse();
        assertThat(Cidr.isLoopback("unknown")).isFalse();
    }

    @Test
    void loopbackIsWhatTheTwoLoopbackNetworksContain() {
        Cidr v4 = Cidr.parse("127.0.0.0/8");
        Cidr v6 = Cidr.parse("::1/128");
        for (String ip : new String[] {"127.0.0.1", " 127.255.255.255 ", "126.0.0.1", "0.0.0.0", "::1", "[::1]",
                "IPv6:::1", "::2", "::", "0:0:0:0:0:0:0:1", "1::1", "::ffff:127.0.0.1", "::ffff:128.0.0.1",
                "::fffe:127.0.0.1", "::127.0.0.1", "fe80::1%lo", "::1%lo", "2001:db8::1", "127.0.0", "", "x"}) {
            assertThat(Cidr.isLoopback(ip)).as(ip).isEqualTo(v4.contains(ip) || v6.contains(ip));
        }
    }

    @Test
    void garbageIsNeverAMemberAndBadNetworksAreNamed() {
        Cidr net = Cidr.parse("192.0.2.0/24");
        assertThat(net.contains("192.0.2")).isFalse();
        assertThat(net.contains("192.0.2.256")).isFalse();
        assertThat(net.contains("1:2:3")).isFalse();
        assertThat(net.contains("")).isFalse();
        assertThatThrownBy(() -> Cidr.parse("mx.example.org/24")).hasMessageContaining("mx.example.org/24");
        assertThatThrownBy(() -> Cidr.parse("192.0.2.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> new CorrelationSettings(null, java.util.List.of("nonsense"), null))
                .hasMessageContaining("nonsense");
    }

    @Test
    void rejectsMalformedDottedQuads() {
        Cidr any = Cidr.parse("0.0.0.0/0");
        for (String bad : new String[] {"1.2.3", "1.2.3.4.", "1.2.3.4.5", ".1.2.3", "1..2.3", "1.2.3.256", "1.2.3.1000",
                "1.2.3.a", "1.2.3.-1", "", "unknown"}) {
            assertThat(any.contains(bad)).as(bad).isFalse();
        }
        assertThat(any.contains("001.02.3.255")).isTrue();
        assertThat(Cidr.isLoopback("127.0.0.1")).isTrue();
        assertThat(Cidr.isLoopback("128.0.0.1")).isFalse();
    }
}
