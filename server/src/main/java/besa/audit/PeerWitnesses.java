package besa.audit;

import besa.ledger.ConsistencyProof;
import besa.ledger.MerkleLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Client of other Besa nodes' witness endpoints ({@code POST /api/audit/witness}). It sends the
 * signed checkpoint with a consistency proof from the size the peer last co-signed; a peer that
 * holds another size answers 409 with {@code witnessSize}, and the request is repeated once with
 * a proof from there.
 */
public class PeerWitnesses {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<String, Long> lastSize = new ConcurrentHashMap<>();

    /** The note as co-signed by the peer at {@code url}. */
    public String submit(String url, String note, MerkleLog log) throws WitnessRefusedException {
        long size;
        try {
            size = besa.ledger.Checkpoint.parse(SignedNotes.text(note)).size();
        } catch (besa.ledger.InvalidCheckpointException e) {
            throw new IllegalArgumentException("not a checkpoint: " + e.getMessage(), e);
        }
        long from = lastSize.getOrDefault(url, 0L);
        for (int attempt = 0; attempt < 2; attempt++) {
            ConsistencyProof proof = from > 0 && from < size ? log.consistencyProof(from, size) : null;
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("checkpoint", note);
            body.put("proof", proof == null ? null : proof.toText());
            HttpResponse<String> response = post(url, json.writeValueAsString(body));
            JsonNode answer = json.readTree(response.body().isEmpty() ? "{}" : response.body());
            if (response.statusCode() == 200) {
                lastSize.put(url, size);
                return answer.path("cosigned").asString();
            }
            String detail = answer.path("detail").asString("HTTP " + response.statusCode());
            long held = answer.path("witnessSize").asLong(-1);
            if (response.statusCode() != 409 || held < 0 || held == from || held > size) {
                throw new WitnessRefusedException("witness " + url + " refused: " + detail, Math.max(held, 0), null);
            }
            from = held;
        }
        throw new WitnessRefusedException("witness " + url + " refused twice", from, null);
    }

    private HttpResponse<String> post(String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("witness " + url + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling witness " + url, e);
        }
    }
}
