package org.mailtrace.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The IPv4 fast path of parseLiteral must index exactly what the general path (getByName) does. */
class IpCriteriaTest {
    @Test
    void plainIpv4LiteralsParseAsGetByNameDoes() throws UnknownHostException {
        List<String> texts = new ArrayList<>(List.of("0.0.0.0", "255.255.255.255", "192.0.2.7", "10.0.0.1", "1.2.3.4"));
        Random random = new Random(3);
        for (int i = 0; i < 5000; i++) {
            texts.add(random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256));
        }
        for (String text : texts) {
            assertThat(IpCriteria.parseLiteral(text)).as(text).contains(InetAddress.getByName(text));
            assertThat(IpCriteria.parseLiteral(text).orElseThrow().getAddress()).isEqualTo(InetAddress.getByName(text).getAddress());
        }
    }

    @Test
    void otherTextTakesTheGeneralPath() throws UnknownHostException {
        assertThat(IpCriteria.parseLiteral(" 192.0.2.7 ")).contains(InetAddress.getByName("192.0.2.7"));
        assertThat(IpCriteria.parseLiteral("[192.0.2.7]")).contains(InetAddress.getByName("192.0.2.7"));
        assertThat(IpCriteria.parseLiteral("2001:db8::1")).contains(InetAddress.getByName("2001:db8::1"));
        assertThat(IpCriteria.parseLiteral("::ffff:192.0.2.7")).contains(InetAddress.getByName("::ffff:192.0.2.7"));
        for (String notAnAddress : List.of("256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "1.2.3.4x", "a.b.c.d", "unknown",
                "", "1.2.3.1000", "-1.2.3.4")) {
            assertThat(IpCriteria.parseLiteral(notAnAddress)).as(notAnAddress).isEqualTo(Optional.empty());
        }
        // Leading zeros: whatever the general path decides, the fast path must not decide otherwise.
        for (String zeros : List.of("010.1.1.1", "1.2.3.04", "00.0.0.0")) {
            assertThat(IpCriteria.parseLiteral(zeros).map(InetAddress::getHostAddress))
                    .as(zeros).isEqualTo(generalPath(zeros));
        }
    }

    private static Optional<String> generalPath(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(text).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
