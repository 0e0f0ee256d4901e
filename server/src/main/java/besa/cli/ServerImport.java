package besa.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code besa import --server URL}: uploads through a running server's REST API and follows the job. */
final class ServerImport {
    private final String base;
    private final String token;
    private final PrintWriter out, err;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    /** {@code token}: a personal API token (from BESA_TOKEN; never a command-line argument, which ps and shell history keep). */
    ServerImport(String base, String token, PrintWriter out, PrintWriter err) {
        this.base = base.replaceAll("/+$", "");
        this.token = token;
        this.out = out;
        this.err = err;
    }

    int run(Path file, Path mapping, boolean ftm, boolean skipInvalid, Path rejects, java.util.Map<String, String> extra) throws IOException {
        if (token == null || token.isBlank()) {
            err.println("besa import: --server needs an API token in the environment variable BESA_TOKEN"
                    + " (issue one on the server's 'API tokens' page)");
            return 2;
        }
        String auth = "Bearer " + token.strip();
        String boundary = "besa-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "file", file);
        if (mapping != null) part(body, boundary, "mapping", mapping);
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        StringBuilder query = new StringBuilder("?format=" + (ftm ? "ftm" : "csv") + "&skipInvalid=" + skipInvalid);
        extra.forEach((k, v) -> {
            if (v != null) query.append('&').append(k).append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        try {
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports" + query))
                    .header("Authorization", auth).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() != 202) return refused(started);
            String id = json.readTree(started.body()).path("id").asString();
            JsonNode job;
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports/" + id + "?size=1000"))
                        .header("Authorization", auth).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) return refused(r);
                job = json.readTree(r.body());
                String state = job.path("state").asString();
                if (!state.equals("QUEUED") && !state.equals("RUNNING")) break;
                err.printf("  %s: %,d rows, %,.0f rows/s%s%n", job.path("phase").asString(), job.path("rows").asLong(),
                        job.path("rowsPerSecond").asDouble(), job.path("etaSeconds").isNumber()
                                ? String.format(", ETA %.0f s", job.path("etaSeconds").asDouble()) : "");
                Thread.sleep(1000); // polling a remote job: nothing to wait on but time
            }
            for (JsonNode e : job.path("errors").path("items").values()) {
                err.printf("%s, row %d, column %s: %s%n", e.path("file").asString(), e.path("row").asLong(),
                        e.path("column").asString(""), e.path("reason").asString());
            }
            switch (job.path("state").asString()) {
                case "COMPLETED" -> {
                    out.printf("%s: %,d rows (%,d imported, %,d rejected); %,d new statements, %,d retired%n", job.path("file").asString(),
                            job.path("rows").asLong(), job.path("rowsImported").asLong(), job.path("rowsRejected").asLong(),
                            job.path("statementsAdded").asLong(), job.path("statementsRetired").asLong());
                    if (rejects != null && job.path("rowsRejected").asLong() > 0) {
                        http.send(HttpRequest.newBuilder(URI.create(base + "/api/imports/" + id + "/rejects")).header("Authorization", auth).build(),
                                HttpResponse.BodyHandlers.ofFile(rejects));
                    }
                    return 0;
                }
                case "ROLLED_BACK" -> {
                    err.println("besa import: bad rows; nothing was imported (rolled back). Fix them, or use --skip-invalid.");
                    return 1;
                }
                default -> {
                    err.println("besa import: the import failed: " + job.path("failure").asString());
                    return 1;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (IOException e) {
            err.println("besa import: cannot reach " + base + ": " + e.getMessage());
            return 1;
        }
    }

    private int refused(HttpResponse<String> r) {
        String detail = r.body();
        try {
            JsonNode p = json.readTree(r.body());
            detail = p.path("title").asString("") + ": " + p.path("detail").asString("");
        } catch (RuntimeException ignored) {
            // not a problem document; show the body as it is
        }
        err.println("besa import: the server refused (HTTP " + r.statusCode() + ") " + detail);
        return r.statusCode() == 401 ? 2 : 1;
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, Path file) throws IOException {
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + file.getFileName().toString().replace("\"", "_") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(file));
        body.write("\r\n".getBytes(StandardCharsets.UTF_8));
    }
}
