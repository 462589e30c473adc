package io.jenkins.plugins.iamjanitor.sandbox.org;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;

/**
 * An exchange handed on to another emulator after the router read its body: the body is replayed, and what the
 * emulator writes goes to the client and is also kept. A held exchange keeps the whole answer back until
 * {@link #deliver()}, so the router can learn from it (AssumeRole's keys) before the client can use it.
 */
final class ForwardedExchange extends HttpExchange {
    private final HttpExchange delegate;
    private final InputStream body;
    private final boolean held;
    private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
    private int heldStatus = -1;

    ForwardedExchange(HttpExchange delegate, byte[] body) {
        this(delegate, body, false);
    }

    ForwardedExchange(HttpExchange delegate, byte[] body, boolean held) {
        this.delegate = delegate;
        this.body = new ByteArrayInputStream(body);
        this.held = held;
    }

    /** Sends a held answer to the client and closes the exchange; no answer at all (a dropped call) stays dropped. */
    void deliver() throws IOException {
        try (delegate) {
            if (heldStatus < 0) {
                return;
            }
            byte[] bytes = copy.toByteArray();
            delegate.sendResponseHeaders(heldStatus, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = delegate.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** What the emulator answered, as written so far. */
    byte[] answer() {
        return copy.toByteArray();
    }

    @Override
    public Headers getRequestHeaders() {
        return delegate.getRequestHeaders();
    }

    @Override
    public Headers getResponseHeaders() {
        return delegate.getResponseHeaders();
    }

    @Override
    public URI getRequestURI() {
        return delegate.getRequestURI();
    }

    @Override
    public String getRequestMethod() {
        return delegate.getRequestMethod();
    }

    @Override
    public HttpContext getHttpContext() {
        return delegate.getHttpContext();
    }

    @Override
    public void close() {
        if (!held) {
            delegate.close();
        }
    }

    @Override
    public InputStream getRequestBody() {
        return body;
    }

    @Override
    public OutputStream getResponseBody() {
        if (held) {
            return copy;
        }
        return new FilterOutputStream(delegate.getResponseBody()) {
            @Override
            public void write(int b) throws IOException {
                copy.write(b);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                copy.write(b, off, len);
                out.write(b, off, len);
            }
        };
    }

    @Override
    public void sendResponseHeaders(int rCode, long responseLength) throws IOException {
        if (held) {
            heldStatus = rCode;
            return;
        }
        delegate.sendResponseHeaders(rCode, responseLength);
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return delegate.getRemoteAddress();
    }

    @Override
    public int getResponseCode() {
        return held ? heldStatus : delegate.getResponseCode();
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public String getProtocol() {
        return delegate.getProtocol();
    }

    @Override
    public Object getAttribute(String name) {
        return delegate.getAttribute(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        delegate.setAttribute(name, value);
    }

    @Override
    public void setStreams(InputStream i, OutputStream o) {
        delegate.setStreams(i, o);
    }

    @Override
    public HttpPrincipal getPrincipal() {
        return delegate.getPrincipal();
    }
}
