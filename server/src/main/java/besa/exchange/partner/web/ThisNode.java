package besa.exchange.partner.web;

import besa.exchange.node.Certificates;
import besa.exchange.node.NodeIdentity;
import besa.exchange.transport.ExchangeServer;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a partner needs from us to register this node: its id, agency, endpoint port, TLS
 * certificate and public JOSE keys (never a private part). Liaison officers hand these over;
 * without them a partner could only be given files copied from the key folder by an operator.
 */
@RestController
@ConditionalOnProperty(name = "besa.exchange.enabled", havingValue = "true")
class ThisNode {
    private final NodeIdentity me;
    private final ExchangeServer server;

    ThisNode(NodeIdentity me, ExchangeServer server) {
        this.me = me;
        this.server = server;
    }

    @GetMapping("/api/exchange/node")
    Map<String, Object> describe() {
        return Map.of("nodeId", me.nodeId(), "agency", me.agency(), "port", server.port(),
                "certificate", Certificates.toPem(me.tlsCertificate()),
                "certificateSha256", Certificates.fingerprint(me.tlsCertificate()),
                "keys", me.publicKeys().toJSONObject(true));
    }

    @GetMapping("/exchange/node/certificate.pem")
    ResponseEntity<String> certificate() {
        return download(Certificates.toPem(me.tlsCertificate()), me.nodeId() + "-tls-cert.pem", "application/x-pem-file");
    }

    @GetMapping("/exchange/node/keys.json")
    ResponseEntity<String> keys() {
        return download(me.publicKeys().toString(true), me.nodeId() + "-keys.json", MediaType.APPLICATION_JSON_VALUE);
    }

    private static ResponseEntity<String> download(String body, String name, String type) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                .contentType(MediaType.parseMediaType(type)).body(body);
    }
}
