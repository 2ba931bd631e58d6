package org.mailtrace.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Talks to the milter as Postfix's milter8 client does: negotiate, macros, one packet per SMTP step. */
class RecipientRefusingMilterTest {

    private RecipientRefusingMilter milter;

    @BeforeEach
    void start() {
        milter = RecipientRefusingMilter.start(0, "Refused@example.test");
    }

    @AfterEach
    void stop() {
        milter.close();
    }

    @Test
    void negotiatesNoActionsAndEveryStepAtTheOfferedVersionOrSix() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), milter.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());

            send(out, 'O', ByteBuffer.allocate(12).putInt(6).putInt(0x1ff).putInt(0x1fffff).array());

            assertThat(in.readInt()).isEqualTo(13);
            assertThat((char) in.readByte()).isEqualTo('O');
            assertThat(in.readInt()).isEqualTo(6);
            assertThat(in.readInt()).isZero();
            assertThat(in.readInt()).isZero();
        }
    }

    @Test
    void refusesTheChosenRecipientWithAReplyCodeAndContinuesOtherwise() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), milter.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            send(out, 'O', ByteBuffer.allocate(12).putInt(6).putInt(0x1ff).putInt(0x1fffff).array());
            in.readFully(new byte[4 + 13]);

            send(out, 'D', "R\0{rcpt_addr}\0ok@example.test\0".getBytes(StandardCharsets.US_ASCII));
            send(out, 'R', "<ok@example.test>\0".getBytes(StandardCharsets.US_ASCII));
            assertThat(reply(in)).isEqualTo("c");

            send(out, 'R', "<refused@EXAMPLE.test>\0NOTIFY=NEVER\0".getBytes(StandardCharsets.US_ASCII));
            assertThat(reply(in)).isEqualTo("y" + RecipientRefusingMilter.REFUSAL + "\0");

            send(out, 'E', new byte[0]);
            assertThat(reply(in)).isEqualTo("c");
            send(out, 'Q', new byte[0]);
            assertThat(in.read()).as("milter closes after QUIT").isEqualTo(-1);
        }
    }

    private static void send(DataOutputStream out, char command, byte[] data) throws IOException {
        out.writeInt(data.length + 1);
        out.writeByte(command);
        out.write(data);
        out.flush();
    }

    /** One reply packet as its command letter followed by its data. */
    private static String reply(DataInputStream in) throws IOException {
        byte[] packet = new byte[in.readInt()];
        in.readFully(packet);
        return new String(packet, StandardCharsets.US_ASCII);
    }
}
