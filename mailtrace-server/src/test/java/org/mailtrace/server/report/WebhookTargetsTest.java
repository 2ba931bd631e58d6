package org.mailtrace.server.report;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mailtrace.correlate.Cidr;

/** Address literals only: nothing here resolves a name or opens a connection. */
class WebhookTargetsTest {
    private final WebhookTargets none = new WebhookTargets(List.of());

    @Test
    void ordinaryAddressesPass() {
        assertThatCode(() -> none.check(URI.create("https://192.0.2.10/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> none.check(URI.create("https://[2001:db8::10]/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> none.check(URI.create("http://10.1.2.3:8065/hooks/x"))).doesNotThrowAnyException();
    }

    @Test
    void internalAddressesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> none.check(URI.create("http://127.0.0.2/"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> none.check(URI.create("http://169.254.169.254/"))).hasMessageContaining("link-local");
        assertThatThrownBy(() -> none.check(URI.create("http://0.1.2.3/"))).hasMessageContaining("unspecified");
        assertThatThrownBy(() -> none.check(URI.create("http://[::ffff:192.0.2.10]/"))).hasMessageContaining("IPv4-mapped");
        assertThatThrownBy(() -> none.check(URI.create("http://[::192.0.2.10]/"))).hasMessageContaining("IPv4-compatible");
        assertThatThrownBy(() -> none.check(URI.create("http://224.0.0.1/"))).hasMessageContaining("multicast");
        assertThatThrownBy(() -> none.check(URI.create("http://[fd00:ec2::254]/"))).hasMessageContaining("metadata");
    }

    @Test
    void theAllowListLetsANamedInternalAddressThrough() {
        WebhookTargets allowed = new WebhookTargets(List.of(Cidr.parse("127.0.0.1"), Cidr.parse("::ffff:127.0.0.1")));
        assertThatCode(() -> allowed.check(URI.create("http://127.0.0.1:9/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> allowed.check(URI.create("http://[::ffff:127.0.0.1]:9/hook"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> allowed.check(URI.create("http://127.0.0.2/"))).hasMessageContaining("webhook-allow = 127.0.0.2");
        assertThatThrownBy(() -> allowed.check(URI.create("http://169.254.169.254/"))).hasMessageContaining("link-local");
    }
}
