package cin.reminders.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP forwarder on a fixed 127.0.0.1 port in front of a test server (the SMTP sink, the Notify stub). {@link #down()}
 * closes the listening socket and every open connection, so the service meets "connection refused" exactly as when
 * the provider is unreachable; {@link #up()} listens on the same port again.
 */
final class TcpProxy implements AutoCloseable {

    final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "faults-proxy");
        t.setDaemon(true);
        return t;
    });
    private volatile ServerSocket server;

    TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    synchronized TcpProxy up() throws IOException {
        if (server != null) {
            return this;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 200);
        server = s;
        threads.submit(() -> accept(s));
        return this;
    }

    synchronized void down() {
        ServerSocket s = server;
        server = null;
        if (s != null) {
            closeQuietly(s);
        }
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    boolean isUp() {
        return server != null;
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            Socket client;
            try {
                client = s.accept();
            } catch (IOException e) {
                return; // closed by down()
            }
            Socket target;
            try {
                target = new Socket("127.0.0.1", targetPort);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            if (server != s) { // went down meanwhile
                closeQuietly(client);
                closeQuietly(target);
                return;
            }
            open.add(client);
            open.add(target);
            threads.submit(() -> pump(client, target));
            threads.submit(() -> pump(target, client));
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed: close both below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        down();
        threads.shutdownNow();
    }
}
