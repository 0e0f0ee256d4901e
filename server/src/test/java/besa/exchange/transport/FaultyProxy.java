package besa.exchange.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a node's exchange port that injects faults per connection (TLS
 * passes through untouched): cut the request after some bytes, drop the response once the whole
 * request has gone through, or hold the request mid-body and never answer (hang).
 */
final class FaultyProxy implements AutoCloseable {
    final AtomicInteger cutRequests = new AtomicInteger();
    volatile long cutAfterBytes = 20_000;
    final AtomicInteger dropResponses = new AtomicInteger();
    volatile long requestBytesBeforeDrop = 100_000;
    volatile boolean hang;

    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger cuts = new AtomicInteger();
    final AtomicInteger drops = new AtomicInteger();
    final AtomicLong hungBytes = new AtomicLong();

    private final java.util.List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private volatile int targetPort;

    FaultyProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("faulty-proxy").start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void target(int port) {
        targetPort = port;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static boolean take(AtomicInteger budget) {
        return budget.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
    }

    private void serve(Socket client) {
        boolean hung = hang;
        if (hung) held.add(client);
        boolean cut = !hung && take(cutRequests);
        boolean drop = !cut && take(dropResponses);
        Socket upstream;
        try {
            upstream = new Socket();
            upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
            if (hung) held.add(upstream);
        } catch (IOException e) {
            closeQuietly(client); // target down: the sender sees a closed connection
            return;
        }
        AtomicLong sent = new AtomicLong();
        Thread.ofVirtual().start(() -> {
            // client -> server
            try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) >= 0) {
                    if (hung && sent.get() + n > cutAfterBytes) {
                        hungBytes.addAndGet(n); // swallowed: the receiver waits for the rest of the body forever
                        continue;
                    }
                    if (cut && sent.get() + n > cutAfterBytes) {
                        out.write(buf, 0, (int) (cutAfterBytes - sent.get()));
                        out.flush();
                        cuts.incrementAndGet();
                        closeQuietly(client);
                        closeQuietly(upstream);
                        return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                    sent.addAndGet(n);
                }
                upstream.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(upstream);
            }
        });
        // server -> client
        try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (drop && sent.get() >= requestBytesBeforeDrop) {
                    drops.incrementAndGet();
                    break; // the answer to a fully delivered request is lost
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // cut
        } finally {
            closeQuietly(client);
            closeQuietly(upstream);
        }
    }

    /** Ends hang mode and closes the connections it held. */
    void release() {
        hang = false;
        held.forEach(FaultyProxy::closeQuietly);
        held.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
