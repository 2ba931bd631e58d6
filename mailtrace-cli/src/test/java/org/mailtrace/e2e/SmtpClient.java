package org.mailtrace.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal SMTP client for loopback use: one transaction per connection, no PIPELINING.
 * Used by the content filter to re-inject into Postfix and by tests to talk to {@link SmtpServer}.
 */
public final class SmtpClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port} and reads the greeting, which must be 220. */
    public static SmtpClient connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout(30_000);
        SmtpClient client = new SmtpClient(socket);
        String greeting = client.readReply();
        if (!greeting.startsWith("220")) {
            client.close();
            throw new IOException("127.0.0.1:" + port + ": unexpected greeting: " + greeting);
        }
        return client;
    }

    /** Sends one command line and returns the complete (possibly multi-line) reply, lines joined by '\n'. */
    public String command(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readReply();
    }

    /** Sends message content after a 354 reply, dot-stuffing lines and ending with the lone dot. */
    public String content(String content) throws IOException {
        StringBuilder wire = new StringBuilder();
        for (String line : content.split("\r?\n", -1)) {
            wire.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        if (content.endsWith("\n")) {
            wire.setLength(wire.length() - 2); // the split's trailing empty element is not a line
        }
        wire.append(".\r\n");
        out.write(wire.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return readReply();
    }

    /**
     * Sends one whole message and returns the reply after DATA; throws when MAIL, every RCPT, or
     * DATA is refused, with the server's words.
     */
    public String send(String helo, SmtpMessage message) throws IOException {
        expect("250", command("EHLO " + helo));
        expect("250", command("MAIL FROM:<" + message.sender() + ">"));
        List<String> refused = new ArrayList<>();
        for (String recipient : message.recipients()) {
            String reply = command("RCPT TO:<" + recipient + ">");
            if (!reply.startsWith("2")) {
                refused.add(reply);
            }
        }
        if (refused.size() == message.recipients().size()) {
            throw new IOException("every recipient refused: " + refused);
        }
        expect("354", command("DATA"));
        return content(message.content());
    }

    private static void expect(String code, String reply) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + " but got: " + reply);
        }
    }

    private String readReply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed; reply so far: " + reply);
            }
            if (reply.length() > 0) {
                reply.append('\n');
            }
            reply.append(line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return reply.toString();
    }

    @Override
    public void close() throws IOException {
        try {
            if (!socket.isClosed()) {
                out.write("QUIT\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                readReply();
            }
        } catch (IOException e) {
            // the server may already have gone; closing is all that matters
        } finally {
            socket.close();
        }
    }
}
