package org.mailtrace.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small ESMTP server on a loopback port, one thread per connection, for Postfix to talk to.
 *
 * <p>It speaks just enough ESMTP for Postfix's smtp(8) client: EHLO/HELO, MAIL, RCPT, DATA with
 * dot-stuffing undone, RSET, NOOP, QUIT. It advertises no PIPELINING, so the client waits for every
 * reply. What to answer per recipient and after DATA is the {@link SmtpHandler}'s decision.
 */
public final class SmtpServer implements AutoCloseable {

    private final String hostname;
    private final SmtpHandler handler;
    private volatile LoopbackListener listener;

    private SmtpServer(String hostname, SmtpHandler handler) {
        this.hostname = hostname;
        this.handler = handler;
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port) and greets as {@code hostname}. */
    public static SmtpServer start(int port, String hostname, SmtpHandler handler) {
        SmtpServer server = new SmtpServer(hostname, handler);
        server.listener = LoopbackListener.start(port, "smtp-" + hostname, server::serve);
        return server;
    }

    public int port() {
        return listener.port();
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
            OutputStream out = client.getOutputStream();
            converse(in, out);
        } catch (SocketException e) {
            // the client hung up without QUIT: normal for a test peer
        } catch (IOException e) {
            System.err.println(listener.name() + ": session with " + client.getRemoteSocketAddress()
                    + " failed: " + e);
        }
    }

    private void converse(BufferedReader in, OutputStream out) throws IOException {
        reply(out, "220 " + hostname + " ESMTP loopback test peer");
        String sender = null;
        List<String> recipients = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
            switch (verb) {
                case "EHLO" -> reply(out, "250-" + hostname + "\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES");
                case "HELO" -> reply(out, "250 " + hostname);
                case "MAIL" -> {
                    sender = SmtpPath.of(line);
                    recipients.clear();
                    reply(out, "250 2.1.0 Ok");
                }
                case "RCPT" -> {
                    if (sender == null) {
                        reply(out, "503 5.5.1 Error: need MAIL command");
                    } else {
                        String address = SmtpPath.of(line);
                        String answer = handler.recipient(address);
                        if (answer.startsWith("2")) {
                            recipients.add(address);
                        }
                        reply(out, answer);
                    }
                }
                case "DATA" -> {
                    if (recipients.isEmpty()) {
                        reply(out, "554 5.5.1 Error: no valid recipients");
                    } else {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String content = readData(in);
                        reply(out, handler.message(new SmtpMessage(sender, recipients, content)));
                        sender = null;
                        recipients.clear();
                    }
                }
                case "RSET" -> {
                    sender = null;
                    recipients.clear();
                    reply(out, "250 2.0.0 Ok");
                }
                case "NOOP" -> reply(out, "250 2.0.0 Ok");
                case "QUIT" -> {
                    reply(out, "221 2.0.0 Bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    /** Reads DATA up to the lone dot, undoing dot-stuffing (RFC 5321 4.5.2). */
    private static String readData(BufferedReader in) throws IOException {
        StringBuilder content = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            content.append(line.startsWith(".") ? line.substring(1) : line).append("\r\n");
        }
        if (line == null) {
            throw new SocketException("connection closed inside DATA");
        }
        return content.toString();
    }

    private static void reply(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        listener.close();
    }
}
