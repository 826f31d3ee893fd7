package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Debian's Chromium, headless, driven over the Chrome DevTools Protocol on the JDK's WebSocket
 * client: open a page, run JavaScript in it, wait for what it shows. A real browser, as a person
 * would use the dashboard, with nothing between the test and the protocol.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final Duration CALL = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** The Chromium binary: $CHROMIUM, else /usr/bin/chromium; the test fails, never skips, without one. */
    static Path binary() {
        String configured = System.getenv("CHROMIUM");
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        if (!Files.isExecutable(path)) {
            throw new AssertionError("the dashboard test needs Chromium at " + path
                    + ": apt-get install chromium (or set CHROMIUM to its path)");
        }
        return path;
    }

    /** Starts Chromium with its profile in {@code userDataDir} and connects to its one page. */
    static HeadlessChromium launch(Path userDataDir) throws IOException, InterruptedException {
        Files.createDirectories(userDataDir);
        List<String> command = new ArrayList<>(List.of(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--window-size=1440,1000", "--user-data-dir=" + userDataDir, "about:blank"));
        Path log = userDataDir.resolve("chromium.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path portFile = userDataDir.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + STARTUP.toNanos();
            List<String> lines = List.of();
            while (lines.size() < 2) {
                if (!process.isAlive()) {
                    throw new AssertionError("Chromium exited with " + process.exitValue() + ":\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Chromium did not open its DevTools port in " + STARTUP + ":\n" + Files.readString(log));
                }
                Thread.sleep(100);
                lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
            }
            int port = Integer.parseInt(lines.get(0).strip());
            String page = pageSocket(port, deadline);
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(page), new Listener(message -> self[0].receive(message)))
                    .get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            self[0].send("Page.enable", Map.of());
            self[0].send("Runtime.enable", Map.of());
            return self[0];
        } catch (ExecutionException | TimeoutException | RuntimeException | AssertionError e) {
            destroy(process);
            throw e instanceof AssertionError a ? a : new AssertionError("cannot drive Chromium: " + e, e);
        }
    }

    /** The WebSocket address of the browser's page target, once it has one. */
    private static String pageSocket(int port, long deadline) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(list.body())) {
                if ("page".equals(target.path("type").asText()) && target.hasNonNull("webSocketDebuggerUrl")) {
                    return target.path("webSocketDebuggerUrl").asText();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Chromium shows no page to drive");
    }

    /** Collects a message's frames; Chromium splits large answers. */
    private static final class Listener implements WebSocket.Listener {

        private final java.util.function.Consumer<String> onMessage;
        private final StringBuilder buffer = new StringBuilder();

        Listener(java.util.function.Consumer<String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                onMessage.accept(message);
            }
            webSocket.request(1);
            return null;
        }
    }

    private void receive(String message) {
        try {
            JsonNode json = JSON.readTree(message);
            if (json.has("id")) {
                CompletableFuture<JsonNode> f = pending.remove(json.path("id").asInt());
                if (f != null) {
                    f.complete(json);
                }
            }
        } catch (IOException e) {
            // not JSON: nothing waits for it
        }
    }

    /** Calls a DevTools method and returns its result; a protocol error fails the test. */
    JsonNode send(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", JSON.valueToTree(params));
        try {
            socket.sendText(request.toString(), true).get(CALL.toSeconds(), TimeUnit.SECONDS);
            JsonNode json = answer.get(CALL.toSeconds(), TimeUnit.SECONDS);
            if (json.has("error")) {
                throw new AssertionError(method + " failed: " + json.path("error"));
            }
            return json.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method, e);
        } catch (ExecutionException | TimeoutException e) {
            pending.remove(id);
            throw new AssertionError(method + " got no answer from Chromium in " + CALL, e);
        }
    }

    /** Opens {@code url} and waits until the page has loaded. */
    void navigate(String url) throws InterruptedException {
        JsonNode result = send("Page.navigate", Map.of("url", url));
        if (result.hasNonNull("errorText")) {
            throw new AssertionError("cannot open " + url + ": " + result.path("errorText").asText());
        }
        await("document.readyState", v -> v.asText().equals("complete"), Duration.ofSeconds(30));
    }

    /** Evaluates JavaScript in the page (awaiting a promise) and returns its value as JSON; a thrown error fails the test. */
    JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true));
        if (result.has("exceptionDetails")) {
            JsonNode d = result.path("exceptionDetails");
            throw new AssertionError("JavaScript failed: " + d.path("exception").path("description").asText(d.path("text").asText())
                    + "\n  in: " + expression);
        }
        return result.path("result").path("value");
    }

    /** Evaluates {@code expression} until its value satisfies {@code done}; returns that value. */
    JsonNode await(String expression, Predicate<JsonNode> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = evaluate(expression);
                if (done.test(last)) {
                    return last;
                }
            } catch (AssertionError stillLoading) {
                last = JSON.getNodeFactory().textNode(stillLoading.getMessage());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the page never showed what was expected within " + timeout + "\n  waiting on: "
                + expression + "\n  last value: " + last);
    }

    /** A PNG of what the page shows now. */
    byte[] screenshot() {
        return Base64.getDecoder().decode(send("Page.captureScreenshot", Map.of("format", "png")).path("data").asText());
    }

    @Override
    public void close() {
        socket.abort();
        destroy(process);
    }

    /** Ends the browser and the processes it started (renderer, GPU, zygote). */
    private static void destroy(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
