package dev.twasm.tests.tools;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A Chrome DevTools Protocol client for the debugger tests, on the JDK's {@link WebSocket}: it
 * sends commands ({@code {"id", "method", "params"}}) and waits for their results, and keeps every
 * event ({@code {"method", "params"}}) so that tests can wait for one or look back at all. Every
 * wait is bounded and fails with what did arrive, so a missing message never hangs a test.
 */
public final class DevToolsClient implements WebSocket.Listener, AutoCloseable {
    private final Duration timeout;
    private final List<Map<String, Object>> events = new ArrayList<>();
    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new LinkedHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;
    private int nextId = 1;
    private boolean closed;

    private DevToolsClient(Duration timeout) {
        this.timeout = timeout;
    }

    /** Connects to a debugger's WebSocket address. */
    public static DevToolsClient connect(URI address, Duration timeout) {
        DevToolsClient client = new DevToolsClient(timeout);
        try {
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout).buildAsync(address, client).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            fail("cannot connect to the debugger at " + address + ": " + e);
        }
        return client;
    }

    /** Sends a command without parameters and returns its result. */
    public Map<String, Object> call(String method) {
        return call(method, Map.of());
    }

    /** Sends a command and returns its result; fails on an error response or a timeout. */
    public Map<String, Object> call(String method, Map<String, Object> params) {
        CompletableFuture<Map<String, Object>> response = new CompletableFuture<>();
        int id;
        synchronized (this) {
            id = nextId++;
            pending.put(id, response);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        socket.sendText(Json.write(message), true).join();
        Map<String, Object> answer;
        try {
            answer = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail("no response to " + method + " within " + timeout.toSeconds() + " s; events so far: " + eventNames());
        } catch (InterruptedException | ExecutionException e) {
            return fail(method + " failed: " + e);
        }
        if (answer.containsKey("error")) {
            fail(method + " " + Json.write(params) + " returned an error: " + Json.write(answer.get("error")));
        }
        return object(answer.getOrDefault("result", Map.of()));
    }

    /** Waits for the next event named {@code method} (after the first {@code after} events) that satisfies {@code filter}; returns its params. */
    public Map<String, Object> await(String method, Predicate<Map<String, Object>> filter, int after) {
        return await(method, filter, after, () -> "");
    }

    /** As {@link #await(String, Predicate, int)}, adding {@code context} to the failure message. */
    public Map<String, Object> await(String method, Predicate<Map<String, Object>> filter, int after, java.util.function.Supplier<String> context) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                for (int i = after; i < events.size(); i++) {
                    Map<String, Object> event = events.get(i);
                    if (method.equals(event.get("method")) && filter.test(object(event.get("params")))) {
                        return object(event.get("params"));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return fail((closed ? "the debugger closed the connection" : "no " + method + " within " + timeout.toSeconds() + " s") + " " + context.get() + "; events: "
                                    + eventNames().stream().distinct().toList());
                }
                try {
                    wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail("interrupted");
                }
            }
        }
    }

    /** How many events have arrived so far (a position for {@link #await}). */
    public synchronized int eventCount() {
        return events.size();
    }

    /** The params of every event named {@code method} so far. */
    public synchronized List<Map<String, Object>> events(String method) {
        return events.stream().filter(e -> method.equals(e.get("method"))).map(e -> object(e.get("params"))).toList();
    }

    private synchronized List<Object> eventNames() {
        return events.stream().map(e -> e.get("method")).toList();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            Map<String, Object> message = object(Json.parse(partial.toString()));
            partial.setLength(0);
            synchronized (this) {
                if (message.containsKey("id")) {
                    CompletableFuture<Map<String, Object>> response = pending.remove(((Number) message.get("id")).intValue());
                    if (response != null) {
                        response.complete(message);
                    }
                } else {
                    events.add(message);
                    notifyAll();
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }

    /** Closes the connection: the debugger detaches and a finished program may end. */
    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                socket.abort();
            }
        }
    }

    /** A JSON object as a map. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (!(value instanceof Map)) {
            return fail("expected a JSON object: " + Json.write(value));
        }
        return (Map<String, Object>) value;
    }

    /** A JSON array as a list. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        if (!(value instanceof List)) {
            return fail("expected a JSON array: " + Json.write(value));
        }
        return (List<Object>) value;
    }
}
