package org.mailtrace.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A before-queue content filter for Postfix's {@code smtpd_proxy_filter}: for each connection from
 * the public smtpd it opens one to the filter-return smtpd and relays the SMTP dialogue line by line,
 * every reply from the back end. It changes nothing, so the back end's EHLO offers XFORWARD and
 * the public smtpd's {@code XFORWARD ADDR=...} reaches it: the back end then logs
 * {@code client=<filter>, orig_client=<original client>} for the queue file it creates.
 *
 * <p>It does not pipeline: after each command line it waits for the one reply; inside DATA it
 * passes lines through unchanged (dot-stuffing included) until the lone dot.
 */
public final class BeforeQueueProxyFilter implements AutoCloseable {

    private final int backendPort;
    private volatile LoopbackListener listener;

    private BeforeQueueProxyFilter(int backendPort) {
        this.backendPort = backendPort;
    }

    /** Listens on 127.0.0.1:{@code port} (0 picks a free port) and relays to 127.0.0.1:{@code backendPort}. */
    public static BeforeQueueProxyFilter start(int port, int backendPort) {
        BeforeQueueProxyFilter filter = new BeforeQueueProxyFilter(backendPort);
        filter.listener = LoopbackListener.start(port, "proxy-filter", filter::serve);
        return filter;
    }

    public int port() {
        return listener.port();
    }

    private void serve(Socket client) {
        try (client; Socket backend = new Socket()) {
            client.setSoTimeout(60_000);
            backend.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), backendPort), 5_000);
            backend.setSoTimeout(60_000);
            relay(reader(client), client.getOutputStream(), reader(backend), backend.getOutputStream());
        } catch (SocketException e) {
            // one side hung up without QUIT: the session is over either way
        } catch (IOException e) {
            System.err.println(listener.name() + ": session with " + client.getRemoteSocketAddress()
                    + " (back end 127.0.0.1:" + backendPort + ") failed: " + e);
        }
    }

    private static void relay(BufferedReader fromClient, OutputStream toClient, BufferedReader fromBackend,
                              OutputStream toBackend) throws IOException {
        copyReply(fromBackend, toClient); // greeting
        boolean inData = false;
        String line;
        while ((line = fromClient.readLine()) != null) {
            write(toBackend, line);
            if (inData) {
                if (line.equals(".")) {
                    inData = false;
                    copyReply(fromBackend, toClient);
                }
                continue;
            }
            String reply = copyReply(fromBackend, toClient);
            String verb = line.trim().toUpperCase(Locale.ROOT);
            if (verb.equals("DATA") && reply.startsWith("354")) {
                inData = true;
            } else if (verb.equals("QUIT")) {
                return;
            }
        }
    }

    /** Copies one (possibly multi-line) reply and returns its last line. */
    private static String copyReply(BufferedReader from, OutputStream to) throws IOException {
        String line;
        do {
            line = from.readLine();
            if (line == null) {
                throw new SocketException("back end closed the connection inside a reply");
            }
            write(to, line);
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    @Override
    public void close() {
        listener.close();
    }
}
