package org.effnas.cluster.config;

import org.effnas.InvalidInputException;

/**
 * A network endpoint written {@code HOST:PORT} (an IPv6 literal in brackets, {@code [::1]:5701}).
 * Port 0 asks the operating system for a free port (used by the embedded cluster).
 */
public record HostPort(String host, int port) {

    public static final int DEFAULT_PORT = 5701;

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("address: host is missing, expected HOST:PORT such as 127.0.0.1:5701");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("address " + host + ":" + port + ": port must be in 0..65535");
        }
    }

    public static HostPort of(String host, int port) {
        return new HostPort(host, port);
    }

    /** The loopback default, {@code 127.0.0.1:5701}. */
    public static HostPort loopback() {
        return new HostPort("127.0.0.1", DEFAULT_PORT);
    }

    /**
     * Parses {@code HOST:PORT}, or a bare {@code HOST} meaning port 5701.
     *
     * @param option names the option in the error message, e.g. {@code --bind}
     */
    public static HostPort parse(String option, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(option + ": empty, expected HOST:PORT such as 127.0.0.1:5701");
        }
        String t = text.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new InvalidInputException(option + ": '" + text + "' has no closing ']', expected [IPV6]:PORT");
            }
            host = t.substring(1, close);
            if (close + 1 < t.length()) {
                if (t.charAt(close + 1) != ':') {
                    throw new InvalidInputException(option + ": '" + text + "', expected [IPV6]:PORT");
                }
                port = t.substring(close + 2);
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon != t.indexOf(':')) {
                throw new InvalidInputException(option + ": '" + text + "': write an IPv6 address in brackets, e.g. [::1]:5701");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
        }
        if (port == null) {
            return new HostPort(host, DEFAULT_PORT);
        }
        try {
            return new HostPort(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(option + ": port '" + port + "' in '" + text + "' is not a number, expected HOST:PORT");
        }
    }

    /** {@code host:port}, with brackets around an IPv6 literal. */
    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
