package org.mailtrace.e2e;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A milter (Sendmail milter protocol, as Postfix's {@code smtpd_milters = inet:...} speaks it) that
 * refuses chosen recipients at RCPT with {@code 550 5.7.1} and lets everything else continue, so a
 * test can make Postfix log {@code milter-reject} for one recipient of a transaction.
 *
 * <p>Wire format: every packet is a 4-byte big-endian length (command byte included), one command
 * byte, then the data. It asks for no actions (it never modifies mail) and for every protocol step,
 * answering CONTINUE to each step that expects a reply. Macros, ABORT and QUIT expect none.
 */
public final class RecipientRefusingMilter implements AutoCloseable {

    static final String REFUSAL = "550 5.7.1 Recipient refused by e2e milter policy";

    private static final int MILTER_VERSION = 6;
    private static final byte OPTION_NEGOTIATION = 'O';
    private static final byte MACRO = 'D';
    private static final byte RECIPIENT = 'R';
    private static final byte ABORT = 'A';
    private static final byte QUIT = 'Q';
    private static final byte QUIT_NEW_CONNECTION = 'K';
    private static final byte CONTINUE = 'c';
    private static final byte REPLY_CODE = 'y';
    private static final int MAX_PACKET = 1 << 20;

    private final Set<String> refused;
    private volatile LoopbackListener listener;

    private RecipientRefusingMilter(Set<String> refused) {
        this.refused = refused;
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port) and refuses exactly {@code recipients} (case-insensitive). */
    public static RecipientRefusingMilter start(int port, String... recipients) {
        RecipientRefusingMilter milter = new RecipientRefusingMilter(Arrays.stream(recipients)
                .map(r -> r.toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        milter.listener = LoopbackListener.start(port, "milter", milter::serve);
        return milter;
    }

    public int port() {
        return listener.port();
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            while (true) {
                int length = in.readInt();
                if (length < 1 || length > MAX_PACKET) {
                    throw new IOException("packet length " + length + " out of range");
                }
                byte command = in.readByte();
                byte[] data = new byte[length - 1];
                in.readFully(data);
                if (command == QUIT) {
                    return;
                }
                answer(command, data, out);
            }
        } catch (EOFException | SocketException e) {
            // the MTA closed the connection: the normal end of a milter session
        } catch (IOException e) {
            System.err.println(listener.name() + ": session with " + client.getRemoteSocketAddress()
                    + " failed: " + e);
        }
    }

    private void answer(byte command, byte[] data, DataOutputStream out) throws IOException {
        switch (command) {
            case OPTION_NEGOTIATION -> {
                int offered = ByteBuffer.wrap(data).getInt();
                ByteBuffer reply = ByteBuffer.allocate(12);
                reply.putInt(Math.min(offered, MILTER_VERSION)).putInt(0).putInt(0);
                send(out, OPTION_NEGOTIATION, reply.array());
            }
            case MACRO, ABORT, QUIT_NEW_CONNECTION -> {
                // no reply expected
            }
            case RECIPIENT -> {
                if (refused.contains(unbracketed(firstString(data)))) {
                    send(out, REPLY_CODE, (REFUSAL + "\0").getBytes(StandardCharsets.US_ASCII));
                } else {
                    send(out, CONTINUE, new byte[0]);
                }
            }
            default -> send(out, CONTINUE, new byte[0]);
        }
    }

    /** The first NUL-terminated string of a packet's data (for RCPT: the address, then ESMTP arguments). */
    static String firstString(byte[] data) {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static String unbracketed(String address) {
        String bare = address.startsWith("<") && address.endsWith(">") ? address.substring(1, address.length() - 1) : address;
        return bare.toLowerCase(Locale.ROOT);
    }

    private static void send(DataOutputStream out, byte command, byte[] data) throws IOException {
        out.writeInt(data.length + 1);
        out.writeByte(command);
        out.write(data);
        out.flush();
    }

    @Override
    public void close() {
        listener.close();
    }
}
