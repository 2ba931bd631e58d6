package org.mailtrace.source.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenerSettingsTest {

    @Test
    void readsTransportHostAndPort() {
        ListenerSettings udp = ListenerSettings.parse("udp://0.0.0.0:514");
        ListenerSettings tcp = ListenerSettings.parse("tcp://[::1]:601");
        ListenerSettings tls = ListenerSettings.parse("tls://:6514");

        assertThat(udp.transport()).isEqualTo(SyslogTransport.UDP);
        assertThat(udp.receiveBufferBytes()).isEqualTo(ListenerSettings.DEFAULT_UDP_RECEIVE_BUFFER);
        assertThat(tcp.host()).isEqualTo("::1");
        assertThat(tcp.port()).isEqualTo(601);
        assertThat(tcp.maxMessageBytes()).isEqualTo(64 * 1024);
        assertThat(tls.host()).isEmpty();
        assertThat(tls.bindAddress().getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void explainsAddressesItCannotRead() {
        assertThatThrownBy(() -> ListenerSettings.parse("0.0.0.0:514")).hasMessageContaining("expected udp://HOST:PORT");
        assertThatThrownBy(() -> ListenerSettings.parse("relp://h:1")).hasMessageContaining("unknown transport");
        assertThatThrownBy(() -> ListenerSettings.parse("tcp://[::1]")).hasMessageContaining("no port");
        assertThatThrownBy(() -> ListenerSettings.parse("tcp://h:99999")).hasMessageContaining("0-65535");
    }

    @Test
    void refusesATlsReceiverWithoutCertificate() {
        ListenerSettings tls = ListenerSettings.parse("tls://127.0.0.1:6514");

        assertThatThrownBy(() -> SyslogReceiver.create(tls, new SyslogQueue(1)))
                .hasMessage("tls://127.0.0.1:6514: a TLS listener needs a certificate and key (--tls-cert, --tls-key)");
    }
}
