package besa.audit.web;

import besa.audit.AuditCheckpoints;
import besa.audit.HttpWitness;
import besa.audit.WitnessRefusedException;
import besa.ledger.Checkpoint;
import besa.ledger.InvalidCheckpointException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.util.Base64;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Checkpoints on demand, and this node's witness endpoint for other Besa nodes. */
@RestController
@RequestMapping("/api/audit")
class AuditController {
    static final int MAX_WITNESS_BODY = 8 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditCheckpoints checkpoints;
    private final HttpWitness witness;

    AuditController(AuditCheckpoints checkpoints, HttpWitness witness) {
        this.checkpoints = checkpoints;
        this.witness = witness;
    }

    record CheckpointResponse(String origin, long size, String rootHash, String note) {}

    record WitnessRequest(String checkpoint, String proof) {}

    record WitnessResponse(String cosigned) {}

    /** Signs a checkpoint now and hands it to the witnesses (administrators and auditors). */
    @PostMapping("/checkpoints")
    ResponseEntity<?> checkpoint() throws InvalidCheckpointException {
        try {
            String note = checkpoints.checkpoint();
            Checkpoint c = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1));
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(new CheckpointResponse(c.origin(), c.size(), Base64.getEncoder().encodeToString(c.rootHash()), note));
        } catch (WitnessRefusedException e) {
            return problem(HttpStatus.CONFLICT, "Checkpoint refused by the witness folder", e);
        }
    }

    /**
     * Co-signs another node's checkpoint if it extends the last one this node co-signed for that log.
     * Open to anybody, so the body is read here with a cap ({@link #MAX_WITNESS_BODY} bytes; a note
     * with a few co-signatures and a consistency proof of a 2^40-entry log fit in half of it).
     */
    @PostMapping("/witness")
    ResponseEntity<?> witness(HttpServletRequest http) throws IOException {
        if (http.getContentLengthLong() > MAX_WITNESS_BODY) return tooLarge();
        byte[] body = http.getInputStream().readNBytes(MAX_WITNESS_BODY + 1);
        if (body.length > MAX_WITNESS_BODY) return tooLarge();
        WitnessRequest request;
        try {
            request = body.length == 0 ? null : JSON.readValue(body, WitnessRequest.class);
        } catch (JacksonException e) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the body is not a JSON witness request: "
                    + e.getOriginalMessage());
            return ResponseEntity.badRequest().body(p);
        }
        if (request == null || request.checkpoint() == null || request.checkpoint().isBlank()) {
            ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "the field 'checkpoint' (a signed checkpoint note) is required");
            return ResponseEntity.badRequest().body(p);
        }
        try {
            return ResponseEntity.ok(new WitnessResponse(witness.cosign(request.checkpoint(), request.proof())));
        } catch (WitnessRefusedException e) {
            return problem(HttpStatus.CONFLICT, "Checkpoint refused", e);
        }
    }

    private static ResponseEntity<ProblemDetail> tooLarge() {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
                "a witness request is at most " + MAX_WITNESS_BODY + " bytes");
        p.setTitle("Witness request too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(p);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, WitnessRefusedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        p.setProperty("witnessSize", e.witnessSize());
        return ResponseEntity.status(status).body(p);
    }
}
