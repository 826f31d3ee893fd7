package dev.weir.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Locale;

/** Checks on local TCP ports. */
final class Ports {

    private static final int CONNECT_PROBE_TIMEOUT_MS = 250;

    private Ports() {
    }

    /**
     * Fails unless {@code port} can be listened on at {@code host}.
     *
     * @throws PortInUseException if another process listens on the port
     * @throws BrokerStartException if the port cannot be bound for another reason
     */
    static void requireAvailable(String host, int port) {
        InetSocketAddress address = new InetSocketAddress(resolve(host), port);
        // A listener on the wildcard address does not always prevent binding a specific
        // address (BSD semantics), so probe with a connection first.
        if (acceptsConnections(address)) {
            throw new PortInUseException(port);
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(address);
        } catch (BindException e) {
            if (isAddressInUse(e)) {
                throw new PortInUseException(port);
            }
            throw new BrokerStartException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BrokerStartException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** Returns a port that is free on {@code host} right now, chosen by the operating system. */
    static int pickFree(String host) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(resolve(host), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new BrokerStartException("cannot find a free port on " + host + ": " + e.getMessage(), e);
        }
    }

    static boolean isAddressInUse(BindException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("in use");
    }

    private static boolean acceptsConnections(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_PROBE_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (IOException e) {
            throw new BrokerStartException("cannot resolve host " + host + ": " + e.getMessage(), e);
        }
    }
}
